/** @odoo-module **/
/**
 * The scan queue of one receipt: every scan gets a uuid, is persisted in
 * localStorage, and is sent strictly in order, one at a time (the next scan
 * waits for the previous answer). A network error keeps the scan at the head of
 * the queue and retries it with the same uuid (the server counts a uuid once),
 * after a growing delay. The queue survives a page reload: a new queue with
 * the same key resumes where the old one stopped.
 *
 * It knows nothing of Odoo: ``send(scan)`` returns the server's answer,
 * ``onResult(scan, result)`` applies it (awaited before the next scan is
 * sent), ``onError(scan, error)`` reports a scan the server rejected (it is
 * dropped: sending it again would give the same error), ``onChange()`` tells
 * the screen the queue or its connection state changed.
 */
import { browser } from "@web/core/browser/browser";

export const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000, 30000];

/** A random RFC 4122 version 4 uuid (crypto.randomUUID needs a secure context). */
export function newUuid() {
    const crypto = browser.crypto || window.crypto;
    if (crypto && typeof crypto.randomUUID === "function") {
        return crypto.randomUUID();
    }
    const bytes = new Uint8Array(16);
    if (crypto && typeof crypto.getRandomValues === "function") {
        crypto.getRandomValues(bytes);
    } else {
        for (let i = 0; i < 16; i++) {
            bytes[i] = Math.floor(Math.random() * 256);
        }
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(
        16,
        20
    )}-${hex.slice(20)}`;
}

export class ScanQueue {
    /**
     * @param {Object} params
     * @param {string} params.key localStorage key (one per database, user and receipt)
     * @param {(scan: Object) => Promise<Object>} params.send
     * @param {(scan: Object, result: Object) => Promise|void} params.onResult
     * @param {(scan: Object, error: Error) => void} params.onError
     * @param {(error: Error) => boolean} params.isNetworkError
     * @param {() => void} [params.onChange]
     * @param {Storage} [params.storage]
     */
    constructor({ key, send, onResult, onError, isNetworkError, onChange, storage }) {
        this.key = key;
        this.send = send;
        this.onResult = onResult;
        this.onError = onError;
        this.isNetworkError = isNetworkError;
        this.onChange = onChange || (() => {});
        this.storage = storage || browser.localStorage;
        this.items = this._load();
        this.offline = false;
        this.attempt = 0;
        this.running = false;
        this.stopped = false;
        this.retryTimeout = null;
        this._onOnline = () => this.retryNow();
        browser.addEventListener("online", this._onOnline);
    }

    get size() {
        return this.items.length;
    }

    /**
     * Append a scan and send the queue.
     *
     * @param {{barcode: string, quantity?: number|null, confirm?: boolean}} scan
     * @returns {Object} the queued scan (with its uuid)
     */
    push({ barcode, quantity = null, confirm = false, preview = "" }) {
        const scan = {
            uuid: newUuid(),
            barcode,
            quantity,
            confirm,
            preview,
            date: new Date().toISOString(),
        };
        this.items.push(scan);
        this._save();
        this.onChange();
        this.run();
        return scan;
    }

    /** Send what is queued (no-op while a scan is in flight or a retry is planned). */
    async run() {
        if (this.running || this.stopped || this.retryTimeout) {
            return;
        }
        this.running = true;
        try {
            while (!this.stopped && this.items.length) {
                const scan = this.items[0];
                let result;
                try {
                    result = await this.send(scan);
                } catch (error) {
                    if (this.isNetworkError(error)) {
                        this._planRetry();
                        return;
                    }
                    this._shift();
                    this._online();
                    this.onError(scan, error);
                    continue;
                }
                this._shift();
                this._online();
                await this.onResult(scan, result);
            }
        } finally {
            this.running = false;
            this.onChange();
        }
    }

    /** Retry at once (the browser is back online, or the user asked). */
    retryNow() {
        if (this.retryTimeout) {
            browser.clearTimeout(this.retryTimeout);
            this.retryTimeout = null;
        }
        this.run();
    }

    /** Stop sending (the screen is closed); what is queued stays stored. */
    stop() {
        this.stopped = true;
        browser.clearTimeout(this.retryTimeout);
        this.retryTimeout = null;
        browser.removeEventListener("online", this._onOnline);
    }

    _planRetry() {
        this.offline = true;
        const delay = RETRY_DELAYS_MS[Math.min(this.attempt, RETRY_DELAYS_MS.length - 1)];
        this.attempt++;
        this.retryTimeout = browser.setTimeout(() => {
            this.retryTimeout = null;
            this.run();
        }, delay);
    }

    _online() {
        this.offline = false;
        this.attempt = 0;
    }

    _shift() {
        this.items.shift();
        this._save();
    }

    _load() {
        try {
            const items = JSON.parse(this.storage.getItem(this.key) || "[]");
            return Array.isArray(items) ? items : [];
        } catch {
            return [];
        }
    }

    _save() {
        if (this.items.length) {
            this.storage.setItem(this.key, JSON.stringify(this.items));
        } else {
            this.storage.removeItem(this.key);
        }
    }
}
