// Exits 0 when the PostgreSQL URL accepts a connection (uses the pg driver from the workspace when installed).
const url = process.argv[2];
let Client;
try {
  ({ Client } = require(require.resolve('pg', { paths: [__dirname + '/../../packages/db'] })));
} catch {
  process.exit(2);
}
const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
client
  .connect()
  .then(() => client.query('select 1'))
  .then(() => client.end())
  .then(() => process.exit(0))
  .catch(() => process.exit(1));
