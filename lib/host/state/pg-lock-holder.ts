/**
 * Who holds a pg backend's state lock. Terraform's pg backend locks with a PostgreSQL advisory
 * lock, and its own "Lock Info" describes the run that was refused, not the holder; the holder
 * is the session that has the advisory lock granted. edgenet's runs name themselves in it
 * (PGAPPNAME, see lockHolderName).
 */
export async function pgLockHolders(connectionString: string): Promise<string[]> {
  // Loaded here, when a run was refused by a pg lock: a watcher on the local backend never
  // holds the PostgreSQL client (6 MiB resident).
  const { Client } = await import('pg');
  const client = new Client({ connectionString, connectionTimeoutMillis: 5000, application_name: 'edgenet lock check' });
  await client.connect();
  try {
    const { rows } = await client.query<{ application_name: string; client_addr: string | null; usename: string; backend_start: Date }>(
      `SELECT a.application_name, host(a.client_addr) AS client_addr, a.usename, a.backend_start
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND a.pid <> pg_backend_pid()
        ORDER BY a.backend_start`,
    );
    return rows.map(
      (r) =>
        `${r.application_name || `a session of ${r.usename}`} from ${r.client_addr ?? 'a local socket'} (since ${r.backend_start.toISOString()})`,
    );
  } finally {
    await client.end();
  }
}

/** How an edgenet run names its PostgreSQL sessions, so a refused run can say who holds the lock. */
export function lockHolderName(command: string, user: string, hostname: string, pid: number): string {
  // application_name is at most 63 bytes.
  return `edgenet ${command} by ${user}@${hostname} pid ${pid}`.slice(0, 63);
}
