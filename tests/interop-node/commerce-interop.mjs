// Drives chainpos.v1.CommerceService from Node.js (@grpc/grpc-js), loading protos/ as they are: no generated
// code, no copies of the .proto files. Run by NodeInteropTests (ChainPos.Gateway.Tests), which seeds the data.
//
//   node commerce-interop.mjs <host:port | http://host:port>
//
// Environment:
//   CHAINPOS_GRPC_ADDRESS    the gateway's gRPC address (when not given as the first argument); plaintext h2c
//   CHAINPOS_COMMERCE_SECRET the e-commerce credential, sent as "authorization: Bearer <secret>"
//   CHAINPOS_SKUS            two SKUs, comma-separated, each with CHAINPOS_UNITS units at CHAINPOS_STORE and
//                            nowhere else, nothing reserved, safety stock 0; priced 1.00 and 2.00
//   CHAINPOS_STORE           the pickup store holding them
//   CHAINPOS_UNITS           the units of each SKU at that store
//
// Prints one line per check and exits non-zero on the first failure.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const here = path.dirname(fileURLToPath(import.meta.url));
const protosRoot = path.resolve(here, '../../protos');

const address = (process.argv[2] ?? process.env.CHAINPOS_GRPC_ADDRESS ?? '').replace(/^https?:\/\//, '').replace(/\/+$/, '');
const secret = process.env.CHAINPOS_COMMERCE_SECRET ?? '';
const skus = (process.env.CHAINPOS_SKUS ?? '').split(',').filter(Boolean);
const store = process.env.CHAINPOS_STORE ?? '';
const units = Number(process.env.CHAINPOS_UNITS ?? 'NaN');
if (!address || !secret || skus.length !== 2 || !store || !Number.isInteger(units) || units < 5) {
  console.error('usage: CHAINPOS_COMMERCE_SECRET=… CHAINPOS_SKUS=A,B CHAINPOS_STORE=S1 CHAINPOS_UNITS=10 node commerce-interop.mjs <host:port>');
  process.exit(2);
}

// keepCase false: fields in lowerCamelCase (order_id → orderId), as protobuf JSON names them. int64 as Number
// (the figures here are small), enums by name.
const definition = protoLoader.loadSync('chainpos/v1/commerce.proto', {
  includeDirs: [protosRoot],
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
});
const { CommerceService } = grpc.loadPackageDefinition(definition).chainpos.v1;
const client = new CommerceService(address, grpc.credentials.createInsecure());

const bearer = new grpc.Metadata();
bearer.set('authorization', `Bearer ${secret}`);

/** Calls a unary rpc; resolves with the answer, rejects with the grpc-js ServiceError. */
function call(method, request, metadata = bearer) {
  return new Promise((resolve, reject) => {
    client[method](request, metadata, { deadline: Date.now() + 10_000 }, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

/** Calls a unary rpc that must fail with the given status code; returns the error. */
async function refused(code, method, request, metadata = bearer) {
  let answer;
  try {
    answer = await call(method, request, metadata);
  } catch (error) {
    assert.equal(error.code, code, `${method}: expected ${grpc.status[code]}, got ${grpc.status[error.code]}: ${error.details}`);
    return error;
  }
  assert.fail(`${method}: expected ${grpc.status[code]}, got an answer: ${JSON.stringify(answer)}`);
}

/** Availability follows stock changes within moments (docs/commerce-api.md): polls until `done`, then returns the last read. */
async function availability(done = () => true) {
  const until = Date.now() + 10_000;
  for (;;) {
    const answer = await call('GetAvailability', { skus });
    if (done(answer) || Date.now() > until) {
      return answer;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Per SKU: [onHandTotal, reservedTotal, availableTotal, [location, onHand, reserved, available] per location]. */
const figures = (answer) => answer.skus.map((s) => [
  s.sku, s.onHandTotal, s.reservedTotal, s.availableTotal,
  s.locations.map((l) => [l.locationId, l.onHand, l.reserved, l.safetyStock, l.available]),
]);
const expected = (...perSku) => perSku.map(([onHand, reserved], i) => [
  skus[i], onHand, reserved, onHand - reserved,
  [[store, onHand, reserved, 0, onHand - reserved]],
]);

let checks = 0;
async function check(name, body) {
  await body();
  checks += 1;
  console.log(`ok ${checks} - ${name}`);
}

const tag = randomUUID().replaceAll('-', '').slice(0, 12);
const orderA = `node-${tag}-a`;
const orderB = `node-${tag}-b`;
const [sku1, sku2] = skus;
const reserveA = { orderId: orderA, pickupLocationId: store, ttlSeconds: 900, lines: [{ sku: sku1, quantity: 2 }, { sku: sku2, quantity: 3 }] };
const linesOf = (reservation) => reservation.lines.map((l) => [l.sku, l.quantity, l.unitPrice, l.lineTotal, l.allocations.map((a) => [a.locationId, a.quantity])]);
const grantedA = [[sku1, 2, 100, 200, [[store, 2]]], [sku2, 3, 200, 600, [[store, 3]]]];

try {
  await check('GetAvailability: seeded SKUs exact per location and chain-wide, unknown SKU listed as missing', async () => {
    const answer = await call('GetAvailability', { skus: [...skus, `NO-SUCH-${tag}`] });
    assert.deepEqual(figures(answer), expected([units, 0], [units, 0]));
    assert.deepEqual(answer.missingSkus, [`NO-SUCH-${tag}`]);
  });

  let first;
  await check('ReserveStock: every line granted at the pickup store, priced from the catalogue', async () => {
    first = await call('ReserveStock', reserveA);
    assert.deepEqual(
      [first.orderId, first.status, first.pickupLocationId, first.currency, first.total, first.replayed],
      [orderA, 'RESERVATION_STATUS_ACTIVE', store, 'EUR', 800, false]);
    assert.deepEqual(linesOf(first), grantedA);
    assert.equal(Number(first.expiresAt.seconds) - Number(first.createdAt.seconds), 900);
    assert.equal(first.finishedAt, null);
  });

  await check('ReserveStock retried with the same order id: same reservation, replayed = true', async () => {
    const retry = await call('ReserveStock', reserveA);
    assert.deepEqual(
      [retry.orderId, retry.status, retry.total, retry.replayed, retry.createdAt, retry.expiresAt],
      [orderA, 'RESERVATION_STATUS_ACTIVE', 800, true, first.createdAt, first.expiresAt]);
    assert.deepEqual(linesOf(retry), grantedA);
  });

  await check('GetAvailability after reserve + retry: reserved once (2 and 3), not twice', async () => {
    const answer = await availability((a) => a.skus[0].reservedTotal === 2 && a.skus[1].reservedTotal === 3);
    assert.deepEqual(figures(answer), expected([units, 2], [units, 3]));
    await new Promise((resolve) => setTimeout(resolve, 200)); // a second effect would show by now
    assert.deepEqual(figures(await call('GetAvailability', { skus })), expected([units, 2], [units, 3]));
  });

  await check('CommitReservation: COMMITTED; on hand down by the reserved units, reserved back to 0', async () => {
    const committed = await call('CommitReservation', { orderId: orderA });
    assert.deepEqual([committed.orderId, committed.status, committed.replayed], [orderA, 'RESERVATION_STATUS_COMMITTED', false]);
    assert.notEqual(committed.finishedAt, null);
    const again = await call('CommitReservation', { orderId: orderA });
    assert.deepEqual([again.status, again.replayed], ['RESERVATION_STATUS_COMMITTED', true]);
    const answer = await availability((a) => a.skus[0].onHandTotal === units - 2 && a.skus[1].onHandTotal === units - 3);
    assert.deepEqual(figures(answer), expected([units - 2, 0], [units - 3, 0]));
  });

  await check('ReleaseReservation on another order: RELEASED; the units are available again', async () => {
    const reserved = await call('ReserveStock', { orderId: orderB, pickupLocationId: store, ttlSeconds: 600, lines: [{ sku: sku1, quantity: 1 }] });
    assert.equal(reserved.status, 'RESERVATION_STATUS_ACTIVE');
    const held = await availability((a) => a.skus[0].reservedTotal === 1);
    assert.deepEqual(figures(held), expected([units - 2, 1], [units - 3, 0]));
    const released = await call('ReleaseReservation', { orderId: orderB });
    assert.deepEqual([released.orderId, released.status, released.replayed], [orderB, 'RESERVATION_STATUS_RELEASED', false]);
    assert.equal((await call('GetReservation', { orderId: orderB })).status, 'RESERVATION_STATUS_RELEASED');
    const answer = await availability((a) => a.skus[0].reservedTotal === 0);
    assert.deepEqual(figures(answer), expected([units - 2, 0], [units - 3, 0]));
  });

  await check('ReserveStock with quantity 0: INVALID_ARGUMENT, nothing reserved', async () => {
    const orderId = `node-${tag}-zero`;
    await refused(grpc.status.INVALID_ARGUMENT, 'ReserveStock', { orderId, pickupLocationId: store, ttlSeconds: 900, lines: [{ sku: sku1, quantity: 0 }] });
    await refused(grpc.status.NOT_FOUND, 'GetReservation', { orderId });
  });

  await check('ReserveStock with an unknown SKU: NOT_FOUND, nothing reserved', async () => {
    const orderId = `node-${tag}-unknown`;
    await refused(grpc.status.NOT_FOUND, 'ReserveStock', { orderId, pickupLocationId: store, ttlSeconds: 900, lines: [{ sku: `NO-SUCH-${tag}`, quantity: 1 }] });
    await refused(grpc.status.NOT_FOUND, 'GetReservation', { orderId });
  });

  await check('No credential: UNAUTHENTICATED', async () => {
    await refused(grpc.status.UNAUTHENTICATED, 'GetAvailability', { skus }, new grpc.Metadata());
    await refused(grpc.status.UNAUTHENTICATED, 'ReserveStock', { ...reserveA, orderId: `node-${tag}-anon` }, new grpc.Metadata());
  });

  await check('Stock unchanged by the refused calls', async () => {
    assert.deepEqual(figures(await call('GetAvailability', { skus })), expected([units - 2, 0], [units - 3, 0]));
  });

  console.log(`all ${checks} checks passed`);
} catch (error) {
  console.error(`not ok ${checks + 1} - ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  client.close();
}
