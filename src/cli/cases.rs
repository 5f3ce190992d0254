//! `verbatim cases import|list|set`.

use super::args::{CasesCmd, Globals};
use super::output::{print_json, print_table};
use anyhow::Result;
use verbatim::{Project, overview};

pub fn run(globals: &Globals, cmd: CasesCmd) -> Result<()> {
    match cmd {
        CasesCmd::Import { file } => {
            let mut s = super::session::write(globals)?;
            let report = s.import_cases(&file)?;
            println!(
                "updated {} cases: {}",
                report.updated.len(),
                report.updated.join(", ")
            );
            if !report.new_attributes.is_empty() {
                println!("new attributes: {}", report.new_attributes.join(", "));
            }
            for (line, id) in &report.unknown {
                eprintln!(
                    "{}: line {line}: no source or speaker has case '{id}'; row not imported",
                    file.display()
                );
            }
            Ok(())
        }
        CasesCmd::List { json } => {
            let project = Project::open(&globals.project)?;
            let cases = overview::cases(&project);
            if json {
                return print_json("cases", &cases);
            }
            let attrs = &project.cases.attributes;
            let mut header = vec!["CASE", "SOURCES"];
            header.extend(attrs.iter().map(String::as_str));
            let rows: Vec<Vec<String>> = cases
                .iter()
                .map(|c| {
                    let mut row = vec![c.case.clone(), c.sources.join(" ")];
                    row.extend(
                        attrs
                            .iter()
                            .map(|a| c.attributes.get(a).cloned().unwrap_or_default()),
                    );
                    row
                })
                .collect();
            print_table(&header, &rows, &[]);
            Ok(())
        }
        CasesCmd::Set { case, attr, value } => {
            let mut s = super::session::write(globals)?;
            s.set_case_attribute(&case, &attr, &value)?;
            println!("{case}: {attr} = {value}");
            Ok(())
        }
    }
}
