// The matchers __tests__/setup.js installs (Testing.setupJest), for the type checker.
import 'cdktf/lib/testing/adapters/jest';
