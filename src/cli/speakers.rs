//! `verbatim speakers detect SOURCE… [--pattern REGEX] [--dry-run] [--json]`: finds a source's
//! speaker convention and speakers again, prints a preview of the first turns, and saves them
//! (the text and codings are left as they are).

use super::args::Globals;
use super::output::print_json;
use anyhow::Result;
use clap::Args;
use verbatim::session::SpeakerPreview;

#[derive(Args)]
pub struct DetectArgs {
    /// Sources (labels or ids)
    #[arg(required = true, value_name = "SOURCE")]
    pub sources: Vec<String>,
    /// Regular expression for the speaker labels at the start of a line (group `speaker` or the
    /// first group is the name; e.g. '\[(?P<speaker>[^\]]+)\]')
    #[arg(long, value_name = "REGEX")]
    pub pattern: Option<String>,
    /// Show what would be found without saving it
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long)]
    pub json: bool,
}

pub fn detect(globals: &Globals, args: DetectArgs) -> Result<()> {
    let mut session = if args.dry_run {
        super::session::read(globals)?
    } else {
        super::session::write(globals)?
    };
    let mut previews = Vec::new();
    for source in &args.sources {
        previews.push(session.preview_speakers(source, args.pattern.as_deref())?);
    }
    if !args.dry_run {
        for p in previews.iter().filter(|p| p.changed) {
            session.apply_speakers(p)?;
        }
    }
    if args.json {
        return print_json("sources", &previews);
    }
    for p in &previews {
        print_preview(p);
        if p.changed && args.dry_run {
            println!("  (dry run: nothing saved)");
        } else if p.changed {
            println!("  saved; the text and its codings are unchanged");
        } else {
            println!("  unchanged");
        }
    }
    Ok(())
}

fn print_preview(p: &SpeakerPreview) {
    println!("{}: {} ({})", p.label, p.convention, p.example);
    if p.speakers.is_empty() {
        println!("  no speakers: paragraphs");
    }
    for s in &p.speakers {
        println!("  {} ({}, {} turns)", s.name, s.role.as_str(), s.turns);
    }
    if let Some(note) = &p.note {
        println!("  unsure: {note}");
    }
    for t in &p.first_turns {
        match &t.speaker {
            Some(s) => println!("  @{:<6} {s}: {}", t.start, t.text),
            None => println!("  @{:<6} {}", t.start, t.text),
        }
    }
}
