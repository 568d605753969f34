#!/usr/bin/env bash
# Renders the waiting-room display's offline Indonesian voice into assets/voice/id/:
# one WAV per clip id (what each says is in assets/voice/clip-texts.json), a synthesised chime, and
# manifest.json (clip id -> file and spoken text). Run by a developer when a text or the voice
# changes; the output is committed, so neither the tests nor CI nor the kiosk need espeak-ng.
#
#   apt-get update && apt-get install -y espeak-ng sox jq
#   scripts/render-voice-clips.sh
#
# A site that wants a human voice drops its own recordings into the kiosk's override folder; those
# win over these files clip by clip (src/lan/voiceClips.ts).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
texts="$root/assets/voice/clip-texts.json"
out="$root/assets/voice/id"
voice="id"
# espeak-ng's default 175 words/minute runs number words together; 150 is clearer in a noisy hall.
speed=150
rate=22050
# Lower than espeak's quietest consonant tails ("puluh", "tiga"), higher than its silence.
silence_threshold="0.3%"

for tool in espeak-ng sox jq; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "render-voice-clips: $tool is missing; apt-get install -y espeak-ng sox jq" >&2
    exit 1
  fi
done
if ! espeak-ng --voices="$voice" | grep -q " $voice "; then
  echo "render-voice-clips: espeak-ng has no '$voice' voice" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
# Files of clips that were renamed or removed must not linger and be served.
rm -f "$out"/*.wav "$out/manifest.json"

# sox -R everywhere: its dither is otherwise random, and a re-render would change every file in git.
# Mono 16-bit at one rate so that the browser decodes every clip alike; silence trimmed at both ends
# so chained clips join without holes (the display adds its own short gap); 5 ms fades so a cut
# never clicks (the end is faded as the start of the reversed audio, whose length sox cannot know
# after trimming); peak-normalised so no word is quieter than its neighbours.
finish() {
  sox -R "$1" -r "$rate" -c 1 -b 16 "$2" \
    silence 1 0.005 "$silence_threshold" fade t 0.005 reverse \
    silence 1 0.005 "$silence_threshold" fade t 0.005 reverse norm -1
}

check() {
  local file="$1" duration peak
  duration="$(soxi -D "$file")"
  peak="$(sox "$file" -n stat 2>&1 | awk '/Maximum amplitude/ { print $3 }')"
  if awk -v d="$duration" -v p="$peak" 'BEGIN { exit !(d > 0.1 && p > 0.1) }'; then
    printf '  %-16s %5.2f s\n' "$(basename "$file" .wav)" "$duration"
  else
    echo "render-voice-clips: $file is too short or silent (duration $duration s, peak $peak)" >&2
    exit 1
  fi
}

manifest_entries=()
add_manifest_entry() {
  manifest_entries+=("$(jq -cn --arg id "$1" --arg file "$1.wav" --arg text "$2" '{ ($id): { file: $file, text: $text } }')")
}

echo "render-voice-clips: chime"
# Ding-dong: E5 then C5, each a sine with its third partial for a bell-like colour and a long
# decay; the second starts before the first has died away, and the whole fades out by 1.2 s.
sox -R -n -r "$rate" -c 1 -b 16 "$work/ding.wav" synth 0.75 sine 659.25 sine mix 1977.75 fade q 0.01 0.75 0.7 vol 0.5
sox -R -n -r "$rate" -c 1 -b 16 "$work/dong.wav" synth 0.75 sine 523.25 sine mix 1569.75 fade q 0.01 0.75 0.7 vol 0.5
sox -R "$work/dong.wav" "$work/dong-late.wav" pad 0.45 0
sox -R -m "$work/ding.wav" "$work/dong-late.wav" "$work/chime-raw.wav"
sox -R "$work/chime-raw.wav" -r "$rate" -c 1 -b 16 "$out/chime.wav" trim 0 1.2 fade t 0 1.2 0.4 norm -3
check "$out/chime.wav"
add_manifest_entry chime ""

echo "render-voice-clips: speech (espeak-ng -v $voice -s $speed)"
while IFS=$'\t' read -r clip text phonemes; do
  case "$clip" in
    *[!a-z0-9-]* | "") echo "render-voice-clips: bad clip id '$clip' in $texts" >&2; exit 1 ;;
  esac
  espeak-ng -v "$voice" -s "$speed" -w "$work/$clip.raw.wav" -- "${phonemes:-$text}"
  finish "$work/$clip.raw.wav" "$out/$clip.wav"
  check "$out/$clip.wav"
  add_manifest_entry "$clip" "$text"
done < <(jq -r '.clips | to_entries[] | [.key, .value.text, (.value.phonemes // "")] | @tsv' "$texts")

printf '%s\n' "${manifest_entries[@]}" |
  jq -s --arg voice "espeak-ng $(espeak-ng --version | awk '{ print $4 }') voice $voice, $speed wpm" --argjson rate "$rate" \
    '{ voice: $voice, sampleRate: $rate, channels: 1, bitsPerSample: 16, clips: add }' >"$out/manifest.json"

echo "render-voice-clips: $(find "$out" -name '*.wav' | wc -l) clips, $(du -sh "$out" | cut -f1) in $out"
