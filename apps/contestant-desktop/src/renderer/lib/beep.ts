let audio: AudioContext | null = null;

/**
 * A short two-tone beep made with Web Audio (no sound file). Browsers allow sound only after a
 * user gesture; before that the beep is silently skipped (the toast still shows).
 */
export function beep(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
    const start = audio.currentTime;
    for (const [offset, hz] of [[0, 880], [0.18, 1320]] as const) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.16);
      osc.connect(gain).connect(audio.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.17);
    }
  } catch {
    // No audio device: the visible toast is enough.
  }
}
