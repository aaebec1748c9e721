/** @odoo-module **/
/**
 * Unit tests of the screen's scan queue and of the browser's GS1 normalisation,
 * without a server: ``send`` answers when a test resolves it, storage is an
 * in-memory object and retry timers fire when a test fires them.
 *
 * Odoo wraps a test file in ``QUnit.module("dist_receiving_scan")`` (the
 * addon's name), which ``/web/tests?module=dist_receiving_scan`` selects.
 */
import { browser } from "@web/core/browser/browser";
import { makeDeferred, patchWithCleanup } from "@web/../tests/helpers/utils";
import { isGs1Candidate, normalize } from "@dist_receiving_scan/gs1";
import { RETRY_DELAYS_MS, ScanQueue, newUuid } from "@dist_receiving_scan/scan_queue";

const FNC1 = "\x1d";
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const KEY = "dist_receiving_scan.test.queue";

class NetworkError extends Error {}

/** Let every pending promise callback run (a real macrotask, not browser.setTimeout). */
function flush() {
    return new Promise((resolve) => window.setTimeout(resolve, 0));
}

function makeStorage() {
    const data = {};
    return {
        data,
        getItem: (key) => (key in data ? data[key] : null),
        setItem: (key, value) => {
            data[key] = String(value);
        },
        removeItem: (key) => {
            delete data[key];
        },
    };
}

/** Retry timers the test fires by hand. */
function patchTimers() {
    const timers = [];
    patchWithCleanup(browser, {
        setTimeout: (callback, delay) => {
            timers.push({ callback, delay, cleared: false });
            return timers.length;
        },
        clearTimeout: (id) => {
            if (id && timers[id - 1]) {
                timers[id - 1].cleared = true;
            }
        },
    });
    return timers;
}

/**
 * A queue whose ``send`` returns a deferred per call (``sent``), and which
 * records what it reports (``results``, ``errors``).
 */
function makeQueue({ storage = makeStorage(), key = KEY, onResult } = {}) {
    const sent = [];
    const results = [];
    const errors = [];
    const queue = new ScanQueue({
        key,
        storage,
        send: (scan) => {
            const answer = makeDeferred();
            sent.push({ scan, answer });
            return answer;
        },
        onResult: (scan, result) => {
            results.push({ scan, result });
            return onResult && onResult(scan, result);
        },
        onError: (scan, error) => errors.push({ scan, error }),
        isNetworkError: (error) => error instanceof NetworkError,
    });
    return { queue, storage, sent, results, errors };
}

function stored(storage) {
    const value = storage.getItem(KEY);
    return value === null ? null : JSON.parse(value);
}

QUnit.module("ScanQueue");

QUnit.test("scans go in order, one at a time, after the previous answer", async (assert) => {
    const applied = [];
    const { queue, storage, sent, results } = makeQueue({
        onResult: () => {
            const done = makeDeferred();
            applied.push(done);
            return done;
        },
    });
    const first = queue.push({ barcode: "A" });
    const second = queue.push({ barcode: "B" });
    const third = queue.push({ barcode: "C", quantity: 3, confirm: true });
    await flush();
    assert.strictEqual(sent.length, 1, "one scan in flight while the first is unanswered");
    assert.strictEqual(sent[0].scan.barcode, "A");
    assert.strictEqual(queue.size, 3);
    assert.deepEqual(
        stored(storage).map((scan) => scan.uuid),
        [first.uuid, second.uuid, third.uuid],
        "the three scans are stored in push order"
    );

    sent[0].answer.resolve({ answer: 1 });
    await flush();
    assert.strictEqual(results.length, 1);
    assert.deepEqual(results[0].result, { answer: 1 });
    assert.strictEqual(
        sent.length,
        1,
        "the second scan waits until the first answer has been applied"
    );
    applied[0].resolve();
    await flush();
    assert.strictEqual(sent.length, 2);
    assert.strictEqual(sent[1].scan.uuid, second.uuid);
    assert.deepEqual(
        stored(storage).map((scan) => scan.uuid),
        [second.uuid, third.uuid],
        "an answered scan leaves the storage"
    );

    sent[1].answer.resolve({ answer: 2 });
    await flush();
    applied[1].resolve();
    await flush();
    assert.strictEqual(sent.length, 3);
    assert.deepEqual(
        [sent[2].scan.barcode, sent[2].scan.quantity, sent[2].scan.confirm],
        ["C", 3, true]
    );
    sent[2].answer.resolve({ answer: 3 });
    await flush();
    applied[2].resolve();
    await flush();

    assert.deepEqual(
        results.map(({ scan, result }) => [scan.barcode, result.answer]),
        [
            ["A", 1],
            ["B", 2],
            ["C", 3],
        ],
        "onResult is called in push order"
    );
    assert.strictEqual(sent.length, 3, "nothing is sent twice");
    assert.strictEqual(queue.size, 0);
    assert.strictEqual(storage.getItem(KEY), null, "a drained queue empties its storage");
    assert.notOk(queue.running);
});

QUnit.test("a network error keeps the scan at the head, retried by uuid", async (assert) => {
    const timers = patchTimers();
    const { queue, sent, results, errors } = makeQueue();
    const first = queue.push({ barcode: "A" });
    const second = queue.push({ barcode: "B" });
    await flush();
    sent[0].answer.reject(new NetworkError("offline"));
    await flush();
    assert.ok(queue.offline, "the queue says it is offline");
    assert.strictEqual(queue.size, 2, "the failed scan is still queued");
    assert.strictEqual(queue.items[0].uuid, first.uuid, "... at the head");
    assert.strictEqual(sent.length, 1, "the next scan is not sent before it");
    assert.deepEqual(errors, [], "a network error is not reported as a refusal");
    assert.deepEqual(
        timers.map((timer) => timer.delay),
        [RETRY_DELAYS_MS[0]],
        "one retry is planned"
    );

    queue.push({ barcode: "C" });
    await flush();
    assert.strictEqual(sent.length, 1, "a scan pushed while offline waits for the retry");

    timers[0].callback();
    await flush();
    assert.strictEqual(sent.length, 2);
    assert.strictEqual(sent[1].scan.uuid, first.uuid, "the retry sends the same uuid");
    sent[1].answer.reject(new NetworkError("still offline"));
    await flush();
    assert.ok(queue.offline);
    assert.deepEqual(
        timers.map((timer) => timer.delay),
        [RETRY_DELAYS_MS[0], RETRY_DELAYS_MS[1]],
        "the next retry waits longer"
    );
    assert.ok(RETRY_DELAYS_MS[1] > RETRY_DELAYS_MS[0]);

    timers[1].callback();
    await flush();
    assert.strictEqual(sent[2].scan.uuid, first.uuid, "the second retry sends the same uuid");
    sent[2].answer.resolve({ answer: "A" });
    await flush();
    assert.notOk(queue.offline, "an answer puts the queue back online");
    assert.strictEqual(queue.attempt, 0, "and resets the retry delay");
    assert.strictEqual(sent.length, 4);
    assert.strictEqual(sent[3].scan.uuid, second.uuid, "then the next scan is sent");
    sent[3].answer.resolve({ answer: "B" });
    await flush();
    sent[4].answer.resolve({ answer: "C" });
    await flush();
    assert.deepEqual(
        results.map(({ scan }) => scan.barcode),
        ["A", "B", "C"]
    );
    assert.strictEqual(queue.size, 0);
    assert.strictEqual(timers.length, 2, "no retry is planned once online");
});

QUnit.test("the browser coming back online retries at once", async (assert) => {
    const timers = patchTimers();
    const { queue, sent } = makeQueue();
    const scan = queue.push({ barcode: "A" });
    await flush();
    sent[0].answer.reject(new NetworkError("offline"));
    await flush();
    assert.strictEqual(timers.length, 1);
    window.dispatchEvent(new Event("online"));
    await flush();
    assert.ok(timers[0].cleared, "the planned retry is cancelled");
    assert.strictEqual(sent.length, 2, "the scan is sent again without waiting");
    assert.strictEqual(sent[1].scan.uuid, scan.uuid);
    sent[1].answer.resolve({});
    await flush();
    assert.notOk(queue.offline);
    queue.stop();
    window.dispatchEvent(new Event("online"));
    await flush();
    assert.strictEqual(sent.length, 2, "a stopped queue no longer listens");
});

QUnit.test("a refused scan is reported and dropped, the next one is sent", async (assert) => {
    const timers = patchTimers();
    const { queue, storage, sent, results, errors } = makeQueue();
    const first = queue.push({ barcode: "A" });
    const second = queue.push({ barcode: "B" });
    await flush();
    const refusal = new Error("Access denied");
    sent[0].answer.reject(refusal);
    await flush();
    assert.strictEqual(errors.length, 1);
    assert.strictEqual(errors[0].scan.uuid, first.uuid);
    assert.strictEqual(errors[0].error, refusal);
    assert.notOk(queue.offline);
    assert.strictEqual(timers.length, 0, "a refusal is not retried");
    assert.strictEqual(sent.length, 2);
    assert.strictEqual(sent[1].scan.uuid, second.uuid, "the next scan is sent");
    assert.deepEqual(
        stored(storage).map((scan) => scan.uuid),
        [second.uuid],
        "the refused scan left the storage"
    );
    sent[1].answer.resolve({ answer: "B" });
    await flush();
    assert.deepEqual(
        results.map(({ scan }) => scan.uuid),
        [second.uuid]
    );
    assert.strictEqual(storage.getItem(KEY), null);
});

QUnit.test("a new queue on the same key resumes the unanswered scans", async (assert) => {
    const storage = makeStorage();
    const before = makeQueue({ storage });
    const scans = ["A", "B", "C"].map((barcode) => before.queue.push({ barcode }));
    await flush();
    assert.strictEqual(before.sent.length, 1);
    before.queue.stop(); // the page is closed with the first scan unanswered

    assert.strictEqual(makeQueue({ storage, key: "other" }).queue.size, 0, "keys are separate");

    const after = makeQueue({ storage });
    assert.deepEqual(
        after.queue.items.map((scan) => [scan.uuid, scan.barcode]),
        scans.map((scan) => [scan.uuid, scan.barcode]),
        "same uuids, same order"
    );
    assert.strictEqual(after.sent.length, 0, "nothing is sent before run()");
    after.queue.run();
    for (const [index, scan] of scans.entries()) {
        await flush();
        assert.strictEqual(after.sent.length, index + 1);
        assert.strictEqual(after.sent[index].scan.uuid, scan.uuid);
        after.sent[index].answer.resolve({ index });
    }
    await flush();
    assert.deepEqual(
        after.results.map(({ scan }) => scan.uuid),
        scans.map((scan) => scan.uuid)
    );
    assert.strictEqual(after.queue.size, 0);
    assert.strictEqual(storage.getItem(KEY), null, "the drained queue emptied its storage");
    assert.deepEqual(storage.data, {});
});

QUnit.test("unreadable storage gives an empty queue", async (assert) => {
    const storage = makeStorage();
    storage.setItem(KEY, "{not json");
    assert.strictEqual(makeQueue({ storage }).queue.size, 0);
    storage.setItem(KEY, JSON.stringify({ uuid: "x" }));
    assert.strictEqual(makeQueue({ storage }).queue.size, 0);
});

QUnit.module("newUuid");

QUnit.test("newUuid gives distinct version 4 uuids", async (assert) => {
    const uuids = new Set();
    for (let i = 0; i < 200; i++) {
        const uuid = newUuid();
        assert.ok(UUID_V4.test(uuid), `${uuid} is an RFC 4122 version 4 uuid`);
        uuids.add(uuid);
    }
    assert.strictEqual(uuids.size, 200);
});

QUnit.test("newUuid without crypto.randomUUID (no secure context)", async (assert) => {
    let randomValues = 0;
    patchWithCleanup(browser, {
        crypto: {
            getRandomValues: (bytes) => {
                randomValues++;
                return window.crypto.getRandomValues(bytes);
            },
        },
    });
    const uuids = new Set();
    for (let i = 0; i < 100; i++) {
        const uuid = newUuid();
        assert.ok(UUID_V4.test(uuid), `${uuid} (getRandomValues)`);
        uuids.add(uuid);
    }
    assert.strictEqual(randomValues, 100, "the fallback was used");
    assert.strictEqual(uuids.size, 100);

    patchWithCleanup(browser, { crypto: {} });
    const fallback = new Set();
    for (let i = 0; i < 100; i++) {
        const uuid = newUuid();
        assert.ok(UUID_V4.test(uuid), `${uuid} (Math.random)`);
        fallback.add(uuid);
    }
    assert.strictEqual(randomValues, 100, "no crypto at all: Math.random");
    assert.strictEqual(fallback.size, 100);
});

QUnit.module("gs1");

// the samples of tests/test_scan_api.py (RESIN_GTIN, every application identifier)
const RAW = [
    "0109506000134352",
    "10LOT-9",
    "21SER-7",
    "17270131",
    "15261130",
    "3712",
    "305",
].join(FNC1);
const HUMAN = "(01)09506000134352(10)LOT-9(21)SER-7(17)270131(15)261130(37)12(30)5";
// [scan, normalize(scan), isGs1Candidate] as tools/gs1.py answers them
const SAMPLES = [
    [RAW, RAW, true],
    ["]C1" + RAW, RAW, true],
    ["]d2" + RAW, RAW, true],
    ["]Q3" + RAW, RAW, true],
    ["]e0" + RAW, RAW, true],
    ["]J1" + RAW, RAW, true],
    [HUMAN, RAW, true],
    ["]C1" + HUMAN, RAW, true],
    [" \t" + RAW + "\r\n", RAW, true],
    [FNC1 + "0109506000134352" + FNC1 + "\n", FNC1 + "0109506000134352" + FNC1, true],
    ["5901234123457", "5901234123457", true],
    ["BOLTBOX10", "BOLTBOX10", false],
    ["DIST-CMD-NOBACKORDER", "DIST-CMD-NOBACKORDER", false],
    ["(01)abc(x)", "(01)abc(x)", true],
    ["(01)", "01", true],
    ["(1)23", "(1)23", true],
    ["]C1]d2X", "]d2X", true],
    ["", "", false],
    [" 12 ", "12", false],
    ["A" + FNC1 + "B", "A" + FNC1 + "B", true],
];

QUnit.test("normalize reads every sample as the server does", async (assert) => {
    for (const [scan, expected] of SAMPLES) {
        assert.strictEqual(normalize(scan), expected, JSON.stringify(scan));
    }
    assert.strictEqual(normalize(null), "");
    assert.strictEqual(normalize(undefined), "");
});

QUnit.test("isGs1Candidate decides as the server does", async (assert) => {
    for (const [scan, , candidate] of SAMPLES) {
        assert.strictEqual(
            isGs1Candidate(scan, normalize(scan)),
            candidate,
            JSON.stringify(scan)
        );
    }
});
