let audio: AudioContext | null = null;

/**
 * A short two-tone beep made with the Web Audio API (no audio file), for a new clarification or
 * alert in the console and the contestant app. Browsers only allow sound after the user
 * interacted with the page; before that the beep is silently skipped (the visual cue remains).
 */
export function beep(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
    const start = audio.currentTime;
    for (const [offsetS, frequencyHz] of [[0, 880], [0.18, 1320]] as const) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequencyHz;
      gain.gain.setValueAtTime(0.0001, start + offsetS);
      gain.gain.exponentialRampToValueAtTime(0.3, start + offsetS + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offsetS + 0.16);
      osc.connect(gain).connect(audio.destination);
      osc.start(start + offsetS);
      osc.stop(start + offsetS + 0.17);
    }
  } catch {
    // No audio device (a headless test browser, a muted kiosk): the visual badge still shows it.
  }
}
