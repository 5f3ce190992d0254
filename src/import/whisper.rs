//! Whisper and WhisperX JSON transcripts (`{"segments": [{"start", "end", "text", "speaker"?}]}`,
//! as local AI transcription writes them): one unit per segment, written
//! `[hh:mm:ss] SPEAKER_00 : text` (or `[hh:mm:ss] text` without diarisation), so each segment
//! keeps its time.
//!
//! Invariants: segments stay in file order; every segment's text appears once; a JSON file that
//! is not a Whisper transcript is refused with what was expected.

use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    segments: Vec<Segment>,
}

#[derive(Deserialize)]
struct Segment {
    #[serde(default)]
    start: Option<f64>,
    text: String,
    #[serde(default)]
    speaker: Option<String>,
}

/// The transcript text and the speaker names (in order of first appearance).
pub fn to_text(json: &str) -> Result<(String, Vec<String>), String> {
    let file: File = serde_json::from_str(json.trim_start_matches('\u{feff}')).map_err(|e| {
        format!(
            "is not a Whisper/WhisperX transcript: expected {{\"segments\": [{{\"start\", \"end\", \"text\"}}]}} (line {}, column {}: {})",
            e.line(),
            e.column(),
            first_clause(&e.to_string())
        )
    })?;
    let mut names: Vec<String> = Vec::new();
    let mut lines = Vec::new();
    for seg in file.segments {
        let text = seg.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            continue;
        }
        let secs = seg
            .start
            .filter(|s| s.is_finite() && *s >= 0.0)
            .unwrap_or(0.0) as u64;
        let stamp = format!(
            "{:02}:{:02}:{:02}",
            secs / 3600,
            (secs / 60) % 60,
            secs % 60
        );
        let speaker = seg
            .speaker
            .map(|s| {
                s.replace(':', " ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|s| !s.is_empty());
        match speaker {
            Some(name) => {
                if !names.contains(&name) {
                    names.push(name.clone());
                }
                lines.push(format!("[{stamp}] {name} : {text}"));
            }
            None => lines.push(format!("[{stamp}] {text}")),
        }
    }
    Ok((lines.join("\n"), names))
}

fn first_clause(s: &str) -> &str {
    s.split(" at line ").next().unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whisperx_segments_with_speakers_keep_their_times() {
        let json = r#"{"segments": [
            {"start": 0.52, "end": 3.1, "text": " Bonjour, vous êtes infirmière ?", "speaker": "SPEAKER_00", "words": []},
            {"start": 3.4, "end": 6.0, "text": " Oui, depuis 2012.", "speaker": "SPEAKER_01"},
            {"start": 6.2, "end": 8.0, "text": " Et à l'hôpital.", "speaker": "SPEAKER_01"},
            {"start": 3725.0, "end": 3730.0, "text": " Merci.", "speaker": "SPEAKER_00"}
        ], "word_segments": []}"#;
        let (text, names) = to_text(json).unwrap();
        assert_eq!(names, ["SPEAKER_00", "SPEAKER_01"]);
        assert_eq!(
            text,
            "[00:00:00] SPEAKER_00 : Bonjour, vous êtes infirmière ?\n[00:00:03] SPEAKER_01 : Oui, depuis 2012.\n[00:00:06] SPEAKER_01 : Et à l'hôpital.\n[01:02:05] SPEAKER_00 : Merci."
        );
    }

    #[test]
    fn plain_whisper_and_bad_json() {
        let json = "\u{feff}{\"text\": \"x\", \"segments\": [{\"id\": 0, \"seek\": 0, \"start\": 12.0, \"end\": 14.0, \"text\": \" Là, on démarre.\"}], \"language\": \"fr\"}";
        assert_eq!(to_text(json).unwrap().0, "[00:00:12] Là, on démarre.");
        let err = to_text("{\"results\": []}").unwrap_err();
        assert!(
            err.starts_with("is not a Whisper/WhisperX transcript"),
            "{err}"
        );
        assert!(to_text("[1, 2").is_err());
    }
}
