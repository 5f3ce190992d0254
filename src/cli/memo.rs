//! `verbatim memo add|list|show|edit|delete`.

use super::args::{Globals, MemoCmd};
use super::output::print_json;
use super::session;
use anyhow::{Result, anyhow};
use verbatim::MemoId;

fn memo_id(s: &str) -> Result<MemoId> {
    MemoId::parse_str(s.trim()).map_err(|_| anyhow!("'{s}' is not a memo id"))
}

pub fn run(globals: &Globals, cmd: MemoCmd) -> Result<()> {
    match cmd {
        MemoCmd::Add { target, text } => {
            let mut s = session::write(globals)?;
            let t = s.memo_target(&target)?;
            let id = s.add_memo(t, &session::text_arg(&text)?)?;
            println!("{id}");
        }
        MemoCmd::List { target, json } => {
            let s = session::read(globals)?;
            let wanted = target.map(|t| s.memo_target(&t)).transpose()?;
            let memos: Vec<_> = s
                .memos()?
                .into_iter()
                .filter(|m| wanted.is_none_or(|w| w == m.target))
                .collect();
            if json {
                return print_json("memos", &memos);
            }
            for m in &memos {
                let first = m.text.lines().next().unwrap_or("");
                println!("{}  {}  {first}", m.id, m.target);
            }
        }
        MemoCmd::Show { id } => {
            let s = session::read(globals)?;
            let id = memo_id(&id)?;
            let m = s
                .memos()?
                .into_iter()
                .find(|m| m.id == id)
                .ok_or_else(|| anyhow!("no memo with id {id}"))?;
            println!("target: {}\n\n{}", m.target, m.text);
        }
        MemoCmd::Edit { id, text } => {
            let mut s = session::write(globals)?;
            s.edit_memo(memo_id(&id)?, &session::text_arg(&text)?)?;
        }
        MemoCmd::Delete { id } => {
            let mut s = session::write(globals)?;
            s.delete_memo(memo_id(&id)?)?;
        }
    }
    Ok(())
}
