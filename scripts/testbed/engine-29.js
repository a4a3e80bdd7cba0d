// The e2e-29 project's setup: its suites drive Docker Engine 29 (scripts/testbed/env.ts reads this).
process.env.EDGENET_E2E_ENGINE = '29';
