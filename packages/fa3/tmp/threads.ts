import { Worker } from 'node:worker_threads';
const code = `
const { resolve } = require('node:path');
const a = require(${JSON.stringify(require.resolve('../native/build/Release/fa3_libxml2.node'))});
const s = a.compile(${JSON.stringify(require.resolve('../schemas/FA3/schemat_FA3_v1-0E.local.xsd'))});
const xml = require('node:fs').readFileSync(${JSON.stringify(require.resolve('../test-fixtures/invoices/valid-basic.xml'))});
let bad = 0; for (let i = 0; i < 300; i++) if (a.validate(s, xml) !== null) bad++;
require('node:worker_threads').parentPort.postMessage(bad);
`;
Promise.all(Array.from({ length: 4 }, () => new Promise((res, rej) => { const w = new Worker(code, { eval: true }); w.on('message', res); w.on('error', rej); }))).then((r) => console.log('invalid counts per thread', r));
