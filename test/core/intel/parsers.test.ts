import { describe, expect, it } from 'vitest';
import { parseCoreBlock, parseCoreTx } from '../../../src/core/intel/parse-bitcoin-core.js';
import { parseBcTx, parseLatestBlock, parseRawBlock, parseUnconfirmed } from '../../../src/core/intel/parse-blockchain-com.js';
import { classifyTx, flowWindows, whaleTxs } from '../../../src/core/intel/whales.js';
import { requires } from '../../helpers/requires.js';
import { ETL_REQ, etlFile, etlTransactions, toBlockchainComTx } from '../../helpers/intel-standins.js';

const has = await requires(ETL_REQ);
const BLOCK_50001 = 'rpc_response_getblock_000000001c920d495e1eeef2452b6d1c6c229a919b28196c103ecffebabee141_2.json';
const PREV = ['76a8d70a757be5055f60be076b683897cadaad6b7bdf78c43e39b9d59cb4a6ea', '0dd0394c6240355f4e4b3c88028f678ed746cebee3b3e8509620733f018914c9', '0d37522b89f991f8433b80f709ad31862a54435cd003f25732fe405e9db93216'];

describe.runIf(has)('on-chain parsers on real Bitcoin Core payloads (mainnet blocks 50001-50002)', () => {
  // A skipped describe still runs its body to collect the tests: read the files only when present.
  const prevTxs = new Map<string, unknown>(has ? PREV.map((h) => [h, etlFile(`rpc_response_getrawtransaction_${h}.json`)]) : []);

  it('getblock verbosity 2 + the spent transactions give what bitcoin-etl parsed: hashes, addresses, satoshi values', () => {
    const block = parseCoreBlock(etlFile(BLOCK_50001), prevTxs);
    const want = etlTransactions().filter((t) => t.block_number === 50001);
    expect(block.height).toBe(50001);
    expect(block.txs.map((t) => t.hash)).toEqual(want.map((t) => t.hash));
    block.txs.forEach((tx, i) => {
      const w = want[i]!;
      expect(tx.coinbase).toBe(w.is_coinbase);
      expect(tx.time).toBe(w.block_timestamp * 1000);
      expect(tx.outputs).toEqual(w.outputs.map((o) => ({ address: o.addresses[0], value: o.value })));
      expect(tx.inputs).toEqual(w.inputs.map((o) => ({ address: o.addresses[0], value: o.value })));
    });
  });

  it('without the spent transactions, input values are unknown (null), never guessed', () => {
    const block = parseCoreBlock(etlFile(BLOCK_50001));
    expect(block.txs[1]!.inputs.every((i) => i.value === null && i.address === null)).toBe(true);
  });

  it('reads a getrawtransaction answer and rejects what is not one', () => {
    const tx = parseCoreTx(etlFile(`rpc_response_getrawtransaction_${PREV[2]}.json`));
    expect(tx.coinbase).toBe(true);
    expect(tx.outputs[0]!.value).toBe(5_000_000_000);
    expect(() => parseCoreTx({ hello: 1 })).toThrow(/not a Bitcoin Core transaction/);
  });

  it('Blockchain.com shapes (unconfirmed, latestblock, rawblock) parse to the same transactions', () => {
    const real = etlTransactions();
    const mem = parseUnconfirmed({ txs: real.map((t) => toBlockchainComTx(t, 1_700_000_000)) });
    expect(mem.map((t) => t.hash)).toEqual(real.map((t) => t.hash));
    mem.forEach((tx, i) => {
      expect(tx.coinbase).toBe(real[i]!.is_coinbase);
      expect(tx.outputs.map((o) => o.value)).toEqual(real[i]!.outputs.map((o) => o.value));
      expect(tx.inputs.map((o) => o.address)).toEqual(real[i]!.inputs.map((o) => o.addresses[0]));
    });
    const raw = parseRawBlock({ hash: 'h', height: 50002, time: 1270917181, tx: real.filter((t) => t.block_number === 50002).map((t) => toBlockchainComTx(t, 1)) });
    expect(raw.txs[0]!.time).toBe(1270917181 * 1000);
    expect(raw.txs[0]!.height).toBe(50002);
    expect(parseLatestBlock({ hash: 'abc', height: 5, time: 10, block_index: 5, txIndexes: [] })).toEqual({ hash: 'abc', height: 5, time: 10_000 });
    expect(() => parseUnconfirmed({ data: [] })).toThrow(/no "txs" array/);
    expect(() => parseBcTx({ hash: 'x', out: [{ addr: 'a', value: 'lots' }] })).toThrow(/value is not a number/);
  });
});

describe.runIf(has)('whale classification on real transactions', () => {
  const block = has ? parseCoreBlock(etlFile(BLOCK_50001), new Map(PREV.map((h) => [h, etlFile(`rpc_response_getrawtransaction_${h}.json`)]))) : { hash: '', height: 0, time: 0, txs: [] };
  const [, t1, t2] = block.txs;

  it('coins paid to an exchange wallet are an inflow, coins leaving one an outflow, exchange to exchange neither', () => {
    const ex = new Map([['1HaHTfmvoUW6i6nhJf8jJs6tU4cHNmBQHQ', 'exA']]);
    expect(classifyTx(t1!, ex)).toEqual({ kind: 'exchange_inflow', exchange: 'exA', btc: 100 });
    const out = new Map([['18dxbN6m8zxieN8F9BchXmhbeXUdFLr8fD', 'exB']]);
    expect(classifyTx(t2!, out)).toEqual({ kind: 'exchange_outflow', exchange: 'exB', btc: 50 });
    expect(classifyTx(t1!, out).kind).toBe('unknown');
    const both = new Map([['18dxbN6m8zxieN8F9BchXmhbeXUdFLr8fD', 'exB'], ['1HaHTfmvoUW6i6nhJf8jJs6tU4cHNmBQHQ', 'exB']]);
    expect(classifyTx(t2!, both).kind).toBe('exchange_internal');
  });

  it('accumulation is +100 when all exchange flow leaves, −100 when all arrives, null when none; windows count by time', () => {
    const asOf = block.time + 1;
    const inflow = whaleTxs(block.txs, new Map([['1HaHTfmvoUW6i6nhJf8jJs6tU4cHNmBQHQ', 'exA']]), 10);
    // The coinbase (new coins) is never a whale move.
    expect(inflow.map((w) => w.kind)).toEqual(['exchange_inflow', 'exchange_inflow']);
    const [h1] = flowWindows(inflow, asOf, [3_600_000]);
    expect(h1).toMatchObject({ count: 2, volumeBtc: 150, inflowBtc: 150, outflowBtc: 0, accumulation: -100 });
    const outflow = whaleTxs(block.txs, new Map([['18dxbN6m8zxieN8F9BchXmhbeXUdFLr8fD', 'exB']]), 10);
    expect(flowWindows(outflow, asOf, [3_600_000])[0]!.accumulation).toBe(100);
    expect(flowWindows(whaleTxs(block.txs, new Map(), 10), asOf, [3_600_000])[0]).toMatchObject({ count: 2, accumulation: null });
    // Outside the window (asOf a day later, 1 h window): nothing.
    expect(flowWindows(inflow, asOf + 86_400_000, [3_600_000])[0]!.count).toBe(0);
    expect(whaleTxs(block.txs, new Map(), 1000)).toEqual([]);
  });
});
