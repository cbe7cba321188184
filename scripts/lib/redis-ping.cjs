// Exits 0 when a Redis server answers PING at host:port (plain socket: no dependency needed).
const net = require('node:net');
const [host, port] = process.argv.slice(2);
const socket = net.connect({ host, port: Number(port) }, () => socket.write('PING\r\n'));
socket.setTimeout(2000, () => process.exit(1));
socket.on('data', (data) => process.exit(String(data).startsWith('+PONG') ? 0 : 1));
socket.on('error', () => process.exit(1));
