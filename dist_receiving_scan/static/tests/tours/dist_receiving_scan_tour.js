/** @odoo-module **/
/*
 * Scanner receiving tours. The Python side (tests/test_tour_scan.py) builds the
 * orders: PO-SCAN-1 (approved: 10 Saline 500 ml, lot-tracked with expiry, GTIN
 * 09506000134352, and 5 Bolt M8, barcode 4006381333931), PO-SCAN-2 (back in
 * approval with its receipt open). Scans are sent the way a keyboard-wedge
 * scanner sends them, through Odoo's barcode service bus.
 */
import { browser } from "@web/core/browser/browser";
import { registry } from "@web/core/registry";
import { Gs1Preview } from "@dist_receiving_scan/gs1";

const tours = registry.category("web_tour.tours");
const FNC1 = String.fromCharCode(29);
const GTIN = "09506000134352";
const BOLT = "4006381333931";

function env() {
    return odoo.__WOWL_DEBUG__.root.env;
}

/** A scan from the keyboard-wedge scanner (Odoo's barcode service bus). */
function scan(barcode, content) {
    return {
        content: content || `Scan ${barcode}`,
        trigger: ".o_dist_scan",
        run() {
            env().services.barcode.bus.trigger("barcode_scanned", { barcode });
        },
    };
}

function check(content, trigger) {
    return { content, trigger, isCheck: true };
}

/** Nothing left in the scan queue; the last answer goes to the test log. */
const allSent = {
    content: "Every scan has been answered",
    trigger: ".o_dist_scan_receipt_screen:not(:has(.o_dist_scan_log_waiting))",
    run() {
        console.log(`Viewport ${window.innerWidth}x${window.innerHeight}`);
        for (const el of document.querySelectorAll(".o_dist_scan, .o_dist_scan_body")) {
            if (el.scrollWidth > el.clientWidth) {
                console.error(`The screen overflows sideways: ${el.scrollWidth} > ${el.clientWidth}`);
            }
        }
        const feedback = document.querySelector(".o_dist_scan_feedback");
        console.log(`Scan answer: ${feedback ? feedback.className + ": " + feedback.innerText : "none"}`);
    },
};

/** Type ``quantity`` on the screen's keypad and press OK. */
function keypad(quantity) {
    return [
        { content: "Open the keypad", trigger: ".o_dist_scan_keypad_toggle" },
        ...[...quantity].map((key) => ({
            content: `Key ${key}`,
            trigger: `.o_dist_scan_key[data-key='${key}']`,
        })),
        { content: `OK: ${quantity}`, trigger: ".o_dist_scan_keypad_apply" },
    ];
}

function line(product) {
    return `.o_dist_scan_line[data-product*='${product}']`;
}

/** Open PO-SCAN-1, receive 7 of 10 Saline (two lots) and 5 of 5 Bolt, validate with a backorder. */
function mainFlow() {
    return [
        check("The receipts ready to receive are listed", ".o_dist_scan_receipt[data-name]"),
        scan("PO-SCAN-1", "Scan the PO number"),
        check("Its receipt opens", ".o_dist_scan_receipt_screen .o_dist_scan_receipt_name"),
        check("Saline is expected", `${line("Saline")}[data-expected='10']`),
        scan(`01${GTIN}17270131` + `10LOT-A${FNC1}304`, "GS1 raw, FNC1 separated: lot A, expiry, 4"),
        allSent,
        check("Lot A is under its line with its expiry", `${line("Saline")} .o_dist_scan_lot[data-lot='LOT-A'] .o_dist_scan_lot_expiry`),
        check("4 of 10: the line is partial", `${line("Saline")}.o_dist_scan_line_partial[data-scanned='4']`),
        scan(`(01)${GTIN}(17)270228(10)LOT-B(30)3`, "GS1 human-readable form: lot B, expiry, 3"),
        allSent,
        check("Lot B is under its line", `${line("Saline")} .o_dist_scan_lot[data-lot='LOT-B'] .o_dist_scan_lot_expiry`),
        check("7 of 10, still partial", `${line("Saline")}.o_dist_scan_line_partial[data-scanned='7']`),
        check("Saline of lot B is the product being received", ".o_dist_scan_current:contains('LOT-B')"),
        { content: "Open the keypad", trigger: ".o_dist_scan_keypad_toggle" },
        check("It types the quantity of Saline", ".o_dist_scan_keypad:contains('Saline')"),
        { content: "Close it", trigger: ".o_dist_scan_keypad_toggle" },
        ...keypad("1"),
        allSent,
        check("8 of 10", `${line("Saline")}.o_dist_scan_line_partial[data-scanned='8']`),
        scan(BOLT, "Bolt 1"),
        scan(BOLT, "Bolt 2"),
        scan(BOLT, "Bolt 3"),
        scan(BOLT, "Bolt 4"),
        scan(`]C1${BOLT}`, "Bolt 5, with the GS1-128 symbology prefix"),
        allSent,
        check("5 of 5: the Bolt line turns green", `${line("Bolt")}.o_dist_scan_line_complete[data-scanned='5']`),
        check("The scan log shows the answers", ".o_dist_scan_log .o_dist_scan_log_ok"),
        { content: "Validate", trigger: ".o_dist_scan_validate" },
        { ...allSent, in_modal: false },
        // Tour triggers are looked up inside the open dialog.
        check("The backorder question", ".o_dist_scan_question:contains('backorder')"),
        { content: "Create the backorder", trigger: "button[data-command='DIST-CMD-BACKORDER']" },
        check("The receipt is done", ".o_dist_scan_done_panel"),
        check("No question is left open", "body:not(:has(.modal .o_dist_scan_question))"),
    ];
}

tours.add("dist_receiving_scan_main_tour", {
    test: true,
    steps: mainFlow,
});

tours.add("dist_receiving_scan_refusals_tour", {
    test: true,
    steps: () => [
        check("The receipts ready to receive are listed", ".o_dist_scan_receipt[data-name]"),
        {
            // The test emulates a 375 x 667 phone viewport (DevTools device metrics:
            // headless Chrome keeps its windows at least 500 px wide).
            content: "The browser is a phone's size",
            trigger: ".o_dist_scan",
            run() {
                if (window.innerWidth !== 375 || window.innerHeight !== 667 || !env().isSmall) {
                    console.error(`Viewport ${window.innerWidth}x${window.innerHeight}, not a phone`);
                }
            },
        },
        scan("PO-SCAN-2", "Scan the PO waiting for approval"),
        check(
            "Refused, naming the PO",
            ".o_dist_scan_list .o_dist_scan_feedback_refused .o_dist_scan_feedback_message:contains('PO-SCAN-2')"
        ),
        {
            content: "Type the approved PO in the search field",
            trigger: ".o_dist_scan_search",
            run: "text PO-SCAN-1",
        },
        { content: "Open it", trigger: ".o_dist_scan_search_open" },
        check("Its receipt opens", ".o_dist_scan_receipt_screen .o_dist_scan_receipt_name"),
        ...keypad("20"),
        check("20 is held for the next scan", ".o_dist_scan_armed:contains('20')"),
        scan(BOLT, "Scan the Bolt: 20 of 5 ordered"),
        allSent,
        check(
            "Refused with the tolerance figures",
            ".o_dist_scan_feedback_refused .o_dist_scan_feedback_message:contains('tolerance of 5.00')"
        ),
        check("The refusal is in the log, in red", ".o_dist_scan_log_refused .text-danger"),
        check("Nothing counted", `${line("Bolt")}[data-scanned='0']`),
        ...keypad("50"),
        scan(BOLT, "Scan the Bolt: 50, ten times the 5 expected"),
        { ...allSent, in_modal: false },
        check("The screen asks to confirm the quantity", ".o_dist_scan_question:contains('50')"),
        { content: "Confirm", trigger: "button[data-command='DIST-CMD-CONFIRM']" },
        allSent,
        check(
            "Confirmed, it is still refused beyond the tolerance",
            ".o_dist_scan_feedback_refused .o_dist_scan_feedback_message:contains('tolerance of 5.00')"
        ),
        check("Still nothing counted", `${line("Bolt")}[data-scanned='0']`),
    ],
});

tours.add("dist_receiving_scan_entry_points_tour", {
    test: true,
    steps: () => [
        { content: "Open the apps menu", trigger: ".o_navbar_apps_menu button" },
        {
            content: "The Receiving app",
            trigger: ".o_app[data-menu-xmlid='dist_receiving_scan.dist_receiving_scan_menu_root']",
        },
        check("The receipts to receive", ".o_dist_scan_receipt[data-name]:contains('PO-SCAN-1')"),
        { content: "Open the apps menu", trigger: ".o_navbar_apps_menu button" },
        {
            content: "Inventory",
            trigger: ".o_app[data-menu-xmlid='stock.menu_stock_root']",
        },
        { content: "Operations", trigger: ".o_menu_sections button:contains('Operations')" },
        {
            content: "Scan Receipts, beside Receipts",
            trigger: ".dropdown-item[data-menu-xmlid='dist_receiving_scan.dist_receiving_scan_menu']",
        },
        check("The same screen", ".o_dist_scan_receipt[data-name]:contains('PO-SCAN-1')"),
        { content: "Back to the receipts list", trigger: ".o_menu_sections button:contains('Operations')" },
        { content: "Receipts", trigger: ".dropdown-item[data-menu-xmlid='stock.in_picking']" },
        { content: "Open the receipt of PO-SCAN-1", trigger: ".o_data_row td:contains('PO-SCAN-1')" },
        { content: "Scan it", trigger: ".o_statusbar_buttons button:contains('Scan')" },
        check("The screen opens on that receipt", ".o_dist_scan_receipt_screen .o_dist_scan_receipt_name"),
        check("Its lines are there", `${line("Bolt")}[data-expected='5']`),
    ],
});

/**
 * The network drops for the scans (not for the rest of the page): each scan's
 * JSON-RPC request fails as a lost connection does. A reload restores it.
 */
function cutScans() {
    return {
        content: "The connection drops",
        trigger: ".o_dist_scan_receipt_screen",
        run() {
            class OfflineXHR extends window.XMLHttpRequest {
                open(method, url, ...rest) {
                    this.distUrl = String(url);
                    return super.open(method, url, ...rest);
                }
                send(body) {
                    if (this.distUrl.endsWith("/stock.picking/dist_scan")) {
                        setTimeout(() => this.dispatchEvent(new ProgressEvent("error")));
                        return;
                    }
                    return super.send(body);
                }
            }
            browser.XMLHttpRequest = OfflineXHR;
        },
    };
}

/**
 * The next scan reaches the server, but its answer is lost on the way back (the
 * request fails as a dropped connection): the screen must send it again with
 * the same uuid, and the server must count it once.
 */
function loseNextAnswer() {
    return {
        content: "The answer to the next scan will be lost",
        trigger: ".o_dist_scan_receipt_screen",
        run() {
            let lost = false;
            class LostAnswerXHR extends window.XMLHttpRequest {
                open(method, url, ...rest) {
                    this.distUrl = String(url);
                    return super.open(method, url, ...rest);
                }
                addEventListener(type, listener, ...rest) {
                    if (type !== "load") {
                        return super.addEventListener(type, listener, ...rest);
                    }
                    return super.addEventListener(
                        type,
                        (ev) => {
                            if (!lost && this.distUrl.endsWith("/stock.picking/dist_scan")) {
                                lost = true;
                                this.dispatchEvent(new ProgressEvent("error"));
                                return;
                            }
                            return listener.call(this, ev);
                        },
                        ...rest
                    );
                }
            }
            browser.XMLHttpRequest = LostAnswerXHR;
        },
    };
}

tours.add("dist_receiving_scan_offline_tour", {
    test: true,
    steps: () => [
        check("The receipts ready to receive are listed", ".o_dist_scan_receipt[data-name]"),
        scan("PO-SCAN-1", "Scan the PO number"),
        check("Its receipt opens", ".o_dist_scan_receipt_screen .o_dist_scan_receipt_name"),
        cutScans(),
        scan(BOLT, "Bolt 1, offline"),
        scan(BOLT, "Bolt 2, offline"),
        check("Offline, both scans wait", ".o_dist_scan_offline:contains('2 scans waiting')"),
        check("Nothing counted yet", `${line("Bolt")}[data-scanned='0']`),
        {
            content: "Close the page (reload)",
            trigger: ".o_dist_scan_offline",
            run() {
                window.location.reload();
            },
        },
        check("The receipt opens again after the reload", ".o_dist_scan_receipt_screen .o_dist_scan_receipt_name"),
        allSent,
        check("Both waiting scans were sent, each counted once", `${line("Bolt")}[data-scanned='2']`),
        check("No offline banner", ".o_dist_scan_receipt_screen:not(:has(.o_dist_scan_offline))"),
        loseNextAnswer(),
        scan(BOLT, "Bolt 3: counted by the server, its answer lost"),
        allSent,
        check("Sent again with the same uuid: counted once", `${line("Bolt")}[data-scanned='3']`),
        {
            content: "The connection is sound again",
            trigger: ".o_dist_scan_receipt_screen",
            run() {
                browser.XMLHttpRequest = window.XMLHttpRequest;
            },
        },
        {
            content: "Another scanner counts 4 Saline of lot C on the same receipt",
            trigger: ".o_dist_scan_receipt_screen[data-id]",
            async run() {
                const id = Number(this.$anchor[0].dataset.id);
                await env().services.orm.call("stock.picking", "dist_scan", [
                    [id],
                    `(01)${GTIN}(17)270331(10)LOT-C(30)4`,
                    "another-scanner-1",
                ]);
            },
        },
        check("This screen does not know yet", `${line("Saline")}[data-scanned='0']`),
        scan(BOLT, "Bolt 4"),
        allSent,
        check("The screen refreshed: the other scanner's Saline shows", `${line("Saline")}[data-scanned='4']`),
        check("and Bolt 4 counted", `${line("Bolt")}[data-scanned='4']`),
        { content: "Undo the last scan", trigger: ".o_dist_scan_undo" },
        allSent,
        check("Bolt back to 3", `${line("Bolt")}[data-scanned='3']`),
        check("The undo is in the log", ".o_dist_scan_log .o_dist_scan_log_undone"),
    ],
});

/** GS1 samples of every application identifier the screen reads. */
const GS1_SAMPLES = [
    `(01)${GTIN}(10)ABC(17)270131`,
    `01${GTIN}10ABC123${FNC1}17270131`,
    `]C101${GTIN}1727013110LOT-7`,
    `]d201${GTIN}21SN0001`,
    `(01)${GTIN}(15)261231(21)SN-42`,
    `(01)${GTIN}(30)12`,
    `01${GTIN}3724`,
    `(01)${GTIN}(3102)001250`,
    `01${GTIN}3103012345${FNC1}10L9`,
    `]Q3(01)${GTIN}(17)270100`,
    `]e0010950600013435317270131`,
    "PO00042",
    BOLT,
];

tours.add("dist_receiving_scan_gs1_parity_tour", {
    test: true,
    steps: () => [
        check("The screen is loaded", ".o_dist_scan"),
        {
            content: "Read the samples in the browser and on the server",
            trigger: ".o_dist_scan",
            async run() {
                const { orm } = env().services;
                // The nomenclature the screen reads with: the one the server names.
                const { nomenclature_id } = await orm.call("stock.picking", "dist_scan_receipts", []);
                const preview = await Gs1Preview.load(orm, { nomenclatureId: nomenclature_id });
                const server = await orm.call("stock.picking", "dist_scan_parse", [GS1_SAMPLES]);
                const pick = (elements) =>
                    elements &&
                    elements.map(({ ai, type, value }) => ({ ai, type, value }));
                const differences = GS1_SAMPLES.filter((sample, index) => {
                    const browser = JSON.stringify(pick(preview.parse(sample)));
                    return browser !== JSON.stringify(pick(server[index]));
                }).map((sample) => {
                    const index = GS1_SAMPLES.indexOf(sample);
                    return `${JSON.stringify(sample)}: browser ${JSON.stringify(
                        pick(preview.parse(sample))
                    )} server ${JSON.stringify(pick(server[index]))}`;
                });
                const parsed = server.filter(Boolean).length;
                if (differences.length || parsed < GS1_SAMPLES.length - 3) {
                    console.error(
                        `GS1 parity failed (${parsed} parsed): ${differences.join(" | ")}`
                    );
                    return;
                }
                document.body.classList.add("o_dist_scan_gs1_parity_ok");
            },
        },
        check("Browser and server read every sample alike", "body.o_dist_scan_gs1_parity_ok"),
    ],
});
