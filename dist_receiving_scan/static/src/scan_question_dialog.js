/** @odoo-module **/
/**
 * The question of a "confirm" result (a quantity ten times what is expected,
 * or a backorder at validation): one button per answer, each answer is a
 * command barcode the screen sends through the queue. Scanning the command
 * barcode instead answers too (the screen then closes the dialog).
 */
import { Component } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";

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
