/** @odoo-module **/
/**
 * Short beeps per scan result, generated with WebAudio (no sound files):
 * "ok" one high beep, "warning" two middle beeps, "error" a long low buzz.
 */

const PATTERNS = {
    ok: [{ frequency: 1320, duration: 0.09, type: "sine" }],
    warning: [
        { frequency: 660, duration: 0.12, type: "triangle" },
        { frequency: 660, duration: 0.12, type: "triangle", gap: 0.08 },
    ],
    error: [{ frequency: 196, duration: 0.45, type: "square" }],
};

let audioContext = null;

function getContext() {
    const AudioContext = window.AudioContext || window.webkitAudioContext;
    if (!AudioContext) {
        return null;
    }
    if (!audioContext) {
        audioContext = new AudioContext();
    }
    if (audioContext.state === "suspended") {
        // Browsers start audio only after a user gesture; a scan (key press) is one.
        audioContext.resume().catch(() => {});
    }
    return audioContext;
}

/**
 * @param {"ok"|"warning"|"error"} kind
 */
export function playScanSound(kind) {
    const context = getContext();
    const pattern = PATTERNS[kind];
    if (!context || !pattern) {
        return;
    }
    let start = context.currentTime + 0.01;
    for (const { frequency, duration, type, gap = 0 } of pattern) {
        start += gap;
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        oscillator.type = type;
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, start);
        gain.gain.exponentialRampToValueAtTime(0.25, start + 0.01);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + duration);
        oscillator.connect(gain).connect(context.destination);
        oscillator.start(start);
        oscillator.stop(start + duration + 0.02);
        start += duration;
    }
}
