/** @odoo-module **/
/**
 * The question of a "confirm" result (a quantity ten times what is expected,
 * or a backorder at validation): one button per answer, each answer is a
 * command barcode the screen sends through the queue. Scanning the command
 * barcode instead answers too (the screen then closes the dialog).
 */
import { Component } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { _t } from "@web/core/l10n/translation";

/** The command barcodes of the server (scan API, point 4). */
export const COMMANDS = {
    validate: "DIST-CMD-VALIDATE",
    backorder: "DIST-CMD-BACKORDER",
    noBackorder: "DIST-CMD-NOBACKORDER",
    undo: "DIST-CMD-UNDO",
    confirm: "DIST-CMD-CONFIRM",
};

/** The answers to what the server waits for (``awaiting``): command barcodes. */
export function questionChoices(awaiting) {
    if (awaiting.kind === "backorder") {
        return [
            { label: _t("Create Backorder"), barcode: COMMANDS.backorder, primary: true },
            { label: _t("No Backorder"), barcode: COMMANDS.noBackorder },
        ];
    }
    return [{ label: _t("Confirm"), barcode: COMMANDS.confirm, primary: true }];
}

export function questionTitle(awaiting) {
    return awaiting.kind === "backorder" ? _t("Create a backorder?") : _t("Confirm the quantity");
}

export class ScanQuestionDialog extends Component {
    static template = "dist_receiving_scan.ScanQuestionDialog";
    static components = { Dialog };
    static props = {
        title: String,
        message: { type: String, optional: true },
        choices: Array,
        onChoose: Function,
        close: Function,
    };

    choose(choice) {
        this.props.close();
        this.props.onChoose(choice.barcode);
    }
}
