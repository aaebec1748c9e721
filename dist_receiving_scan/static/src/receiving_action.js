/** @odoo-module **/
/**
 * The scanner receiving screen (client action ``dist_receiving_scan.receiving``).
 *
 * Two screens, no page reload: the user's receipts ready to receive (scan or type
 * a PO number, receipt reference or vendor delivery note to open one), and the
 * receipt being received (lines expected / scanned, lots, the scan log, the
 * current product prompt, Validate / Undo / Camera / keypad).
 *
 * Every scan goes to the server through a ScanQueue (in order, one at a time,
 * stored in localStorage, retried with the same uuid); the server decides what
 * a scan means and the screen shows its answer.
 */
import { Component, onWillStart, onWillUnmount, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { session } from "@web/session";
import { useBus, useService } from "@web/core/utils/hooks";
import { ConnectionAbortedError, ConnectionLostError } from "@web/core/network/rpc_service";
import { isBarcodeScannerSupported, scanBarcode } from "@web/webclient/barcode/barcode_scanner";

import { Gs1Preview } from "./gs1";
import {
    LOG_SIZE,
    RESULT_SOUND,
    applyScanChanges,
    formatDate,
    formatQty,
    formatTime,
    gs1Labels,
    onEnter,
    resultColor,
    resultLabel,
} from "./scan_display";
import { ScanQueue } from "./scan_queue";
import { playScanSound } from "./scan_sound";
import { ReceiptList } from "./receipt_list";
import { ScanKeypad } from "./scan_keypad";
import {
    COMMANDS,
    ScanQuestionDialog,
    questionChoices,
    questionTitle,
} from "./scan_question_dialog";


export class ReceivingAction extends Component {
    static template = "dist_receiving_scan.ReceivingAction";
    static components = { ReceiptList, ScanKeypad };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.barcode = useService("barcode");
        this.dialog = useService("dialog");
        this.notification = useService("notification");
        this.router = useService("router");
        this.company = useService("company");
        this.user = useService("user");
        this.cameraSupported = Boolean(isBarcodeScannerSupported());
        // for the template
        Object.assign(this, {
            formatDate,
            formatQty,
            formatTime,
            onEnter,
            questionChoices,
            resultColor,
            resultLabel,
        });
        this.state = useState({
            screen: "list",
            warehouses: [],
            receipts: [],
            receipt: null,
            feedback: null,
            pending: [],
            offline: false,
            keypad: false,
            armedQuantity: null,
            manual: "",
        });
        this.queue = null;
        this.preview = new Gs1Preview(null);
        this.closeQuestion = null;
        this.feedbackSeq = 0;

        useBus(this.barcode.bus, "barcode_scanned", (ev) =>
            this.onBarcodeScanned(ev.detail.barcode)
        );
        onWillStart(async () => {
            const data = await this.loadReceipts();
            this.preview = await Gs1Preview.load(this.orm, {
                nomenclatureId: data.nomenclature_id,
                companyId: this.company.currentCompany.id,
            });
            const { params = {}, context = {} } = this.props.action || {};
            const pickingId = params.picking_id || context.active_id;
            if (pickingId) {
                await this.openById(Number(pickingId));
            }
        });
        onWillUnmount(() => {
            this.closeQueue();
            this._closeQuestion();
        });
    }

    // ------------------------------------------------------------------
    // getters for the template
    // ------------------------------------------------------------------
    get lines() {
        return (this.state.receipt && this.state.receipt.lines) || [];
    }

    get progress() {
        const lines = this.lines.filter((line) => !line.extra);
        return {
            done: lines.filter((line) => line.complete).length,
            total: lines.length,
        };
    }

    get offlineLabel() {
        return _t("Offline — %(count)s scans waiting", { count: this.state.pending.length });
    }

    get sendingLabel() {
        return _t("Sending %(count)s scans…", { count: this.state.pending.length });
    }

    get armedLabel() {
        return _t("× %(quantity)s on the next scan", {
            quantity: this.formatQty(this.state.armedQuantity),
        });
    }

    /** The question the server waits for an answer to, if any. */
    get awaiting() {
        const awaiting = this.state.receipt && this.state.receipt.awaiting;
        return awaiting && awaiting.kind ? awaiting : false;
    }

    /** What the server waits for ("Scan the lot of X"), when it waits. */
    get currentPrompt() {
        const current = this.state.receipt && this.state.receipt.current;
        return (current && current.message) || "";
    }

    lineClass(line) {
        const current = this.state.receipt.current;
        return {
            "o_dist_scan_line_complete border-success": line.complete,
            "o_dist_scan_line_partial border-warning": !line.complete && line.scanned > 0,
            "o_dist_scan_line_current border-primary border-2":
                current && current.product_id === line.product_id,
        };
    }

    /** "internal reference · barcode", whichever the item has. */
    lineReference(line) {
        return [line.default_code, line.barcode].filter(Boolean).join(" · ");
    }

    queuedCount(pickingId) {
        try {
            const items = JSON.parse(localStorage.getItem(this.queueKey(pickingId)) || "[]");
            return Array.isArray(items) ? items.length : 0;
        } catch {
            return 0;
        }
    }

    // ------------------------------------------------------------------
    // list of receipts
    // ------------------------------------------------------------------
    async loadReceipts() {
        const data = await this.orm.call("stock.picking", "dist_scan_receipts", []);
        this.state.warehouses = data.warehouses || [];
        this.state.receipts = data.receipts || [];
        return data;
    }

    async openByBarcode(barcode) {
        let result;
        try {
            result = await this.orm.silent.call("stock.picking", "dist_scan_open", [barcode]);
        } catch (error) {
            return this.refuseLocally(barcode, error);
        }
        if (result.result === "refused") {
            return this.giveFeedback(result);
        }
        this.showReceipt(result);
    }

    async openById(pickingId) {
        let receipt;
        try {
            receipt = await this.orm.silent.call("stock.picking", "dist_scan_state", [
                [pickingId],
            ]);
        } catch (error) {
            return this.refuseLocally("", error);
        }
        this.showReceipt(receipt);
    }

    /** What is typed in the receipt's field is handled as a scan. */
    submitManual() {
        const value = this.state.manual.trim();
        this.state.manual = "";
        if (value) {
            this.onBarcodeScanned(value);
        }
    }

    async backToList() {
        this.closeQueue();
        this._closeQuestion();
        this.state.screen = "list";
        this.state.receipt = null;
        this.state.feedback = null;
        this.state.keypad = false;
        this.state.armedQuantity = null;
        this.router.replaceState({ active_id: undefined });
        await this.loadReceipts();
    }

    // ------------------------------------------------------------------
    // receipt
    // ------------------------------------------------------------------
    queueKey(pickingId) {
        return `dist_receiving_scan.queue.${session.db}.${this.user.userId}.${pickingId}`;
    }

    showReceipt(receipt) {
        this.closeQueue();
        this.state.receipt = receipt;
        this.state.screen = "receipt";
        this.state.feedback = null;
        this.state.manual = "";
        this.router.replaceState({ active_id: receipt.id });
        this.queue = new ScanQueue({
            key: this.queueKey(receipt.id),
            send: (scan) => this.sendScan(receipt.id, scan),
            onResult: (scan, result) => this.onScanResult(scan, result),
            onError: (scan, error) => this.refuseLocally(scan.barcode, error),
            isNetworkError: (error) =>
                error instanceof ConnectionLostError || error instanceof ConnectionAbortedError,
            onChange: () => this.syncQueue(),
        });
        this.syncQueue();
        // Scans left by a dropped connection or a reload are sent now, in order.
        this.queue.run();
    }

    closeQueue() {
        if (this.queue) {
            this.queue.stop();
            this.queue = null;
        }
        this.state.pending = [];
        this.state.offline = false;
    }

    syncQueue() {
        if (!this.queue) {
            return;
        }
        this.state.pending = this.queue.items.map((scan) => ({ ...scan }));
        this.state.offline = this.queue.offline;
    }

    sendScan(pickingId, scan) {
        const kwargs = {};
        if (scan.quantity !== null && scan.quantity !== undefined) {
            kwargs.quantity = scan.quantity;
        }
        if (scan.confirm) {
            kwargs.confirm = true;
        }
        return this.orm.silent.call(
            "stock.picking",
            "dist_scan",
            [[pickingId], scan.barcode, scan.uuid],
            kwargs
        );
    }

    async onScanResult(scan, result) {
        const receipt = this.state.receipt;
        if (!receipt) {
            return;
        }
        const conflict =
            result.version_before !== undefined && result.version_before !== receipt.version;
        if (result.state) {
            this.state.receipt = result.state;
        } else {
            applyScanChanges(receipt, result);
            const command = scan.barcode.toUpperCase().startsWith("DIST-CMD-");
            if (conflict || command) {
                // Another scanner changed the receipt since our last answer, or
                // a command (undo) changed more than its answer says.
                await this.refreshReceipt();
            }
        }
        this.giveFeedback(result);
        this.syncQuestion(result);
    }

    /** Replace the receipt by the server's state; if that fails, the next answer retries. */
    async refreshReceipt() {
        const receipt = this.state.receipt;
        try {
            this.state.receipt = await this.orm.silent.call("stock.picking", "dist_scan_state", [
                [receipt.id],
            ]);
        } catch {
            receipt.version = null;
        }
    }

    /** An error the server raised (access, other warehouse...) shown as a refusal. */
    refuseLocally(barcode, error) {
        const message =
            (error && error.data && error.data.message) ||
            (error && error.message) ||
            _t("The server refused the scan.");
        if (this.state.receipt) {
            this.state.receipt.log = [
                {
                    id: `local-${Date.now()}`,
                    date: new Date().toISOString(),
                    user: this.user.name,
                    barcode,
                    result: "refused",
                    message,
                },
                ...this.state.receipt.log,
            ].slice(0, LOG_SIZE);
        }
        this.giveFeedback({ result: "refused", message, sound: "error" });
    }

    giveFeedback(result) {
        const color = resultColor(result.result);
        this.state.feedback = {
            seq: ++this.feedbackSeq,
            result: result.result,
            color,
            message: result.message || "",
        };
        playScanSound(result.sound || RESULT_SOUND[result.result]);
    }

    // ------------------------------------------------------------------
    // questions (quantity ten times the expected, backorder)
    // ------------------------------------------------------------------
    syncQuestion(result) {
        const awaiting = this.awaiting;
        if (!awaiting) {
            this._closeQuestion();
            return;
        }
        if (result.result === "confirm" && !this.closeQuestion) {
            this.closeQuestion = this.dialog.add(
                ScanQuestionDialog,
                {
                    title: questionTitle(awaiting),
                    message: awaiting.message,
                    choices: questionChoices(awaiting),
                    onChoose: (barcode) => this.enqueue(barcode),
                },
                { onClose: () => (this.closeQuestion = null) }
            );
        }
    }

    _closeQuestion() {
        if (this.closeQuestion) {
            const close = this.closeQuestion;
            this.closeQuestion = null;
            close();
        }
    }

    // ------------------------------------------------------------------
    // scans
    // ------------------------------------------------------------------
    onBarcodeScanned(barcode) {
        if (!barcode) {
            return;
        }
        if (this.state.screen === "receipt" && this.queue && !this.state.receipt.done) {
            this.enqueue(barcode);
        } else {
            this.openByBarcode(barcode);
        }
    }

    enqueue(barcode, { quantity = null } = {}) {
        if (!this.queue) {
            return;
        }
        if (quantity === null && this.state.armedQuantity !== null && barcode) {
            quantity = this.state.armedQuantity;
            this.state.armedQuantity = null;
        }
        this.queue.push({
            barcode,
            quantity,
            preview: this.preview.describe(barcode, gs1Labels()),
        });
    }

    validate() {
        this.enqueue(COMMANDS.validate);
    }

    undo() {
        this.enqueue(COMMANDS.undo);
    }

    answer(barcode) {
        this._closeQuestion();
        this.enqueue(barcode);
    }

    async openCamera() {
        let barcode;
        try {
            barcode = await scanBarcode(this.env);
        } catch (error) {
            this.notification.add(error.message, { type: "danger" });
            return;
        }
        this.onBarcodeScanned(barcode);
    }

    retryNow() {
        if (this.queue) {
            this.queue.retryNow();
        }
    }

    toggleKeypad() {
        this.state.keypad = !this.state.keypad;
    }

    /** A quantity typed on the keypad: for the current product, else the next scan. */
    applyQuantity(quantity) {
        this.state.keypad = false;
        if (this.state.receipt.current) {
            this.enqueue("", { quantity });
        } else {
            this.state.armedQuantity = quantity;
        }
    }

    clearArmedQuantity() {
        this.state.armedQuantity = null;
    }
}

registry.category("actions").add("dist_receiving_scan.receiving", ReceivingAction);
