//! cmi5 packages: the course for an LMS that launches xAPI content.
//!
//! A zip with `cmi5.xml` at its root (spec 14.1), one AU per course, or one
//! per chapter when `sco = "chapter"` (with `split`, one zip per chapter).
//! Each AU is a page with the xAPI build of the player, which reads its
//! launch from the URL and reports to the LMS's LRS. `moveOn` and
//! `masteryScore` say what the player reports: `CompletedAndPassed` with
//! the pass mark when the AU has scored questions, else `Completed`.

use std::io;

use anyhow::{Context, Result};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::package::{self, Entry};
use super::{Artifact, BuildContext, Output, page, shared_files};
use crate::model::Course;

/// The course structure schema, put beside `cmi5.xml` in every package.
static SCHEMA: &[u8] = include_bytes!("../../assets/cmi5/CourseStructure.xsd");

/// The schema's namespace, `cmi5.xml`'s default namespace.
const NAMESPACE: &str = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";

/// A cmi5 package (`--target cmi5`).
pub struct Cmi5;

/// One AU: its part of the course and its launch file.
struct Au {
    course: Course,
    href: String,
    part: String,
}

impl Output for Cmi5 {
    fn name(&self) -> &'static str {
        "cmi5"
    }

    fn make(&self, ctx: &BuildContext<'_>) -> Result<Vec<Artifact>> {
        let course = ctx.course;
        if !course.sco_per_chapter {
            let au = Au { course: course.clone(), href: "index.html".into(), part: "kurs".into() };
            return Ok(vec![self.package(ctx, course, vec![au])?]);
        }
        let aus: Vec<Au> = (0..course.chapters.len())
            .map(|i| Au {
                course: course.chapter_course(i),
                href: format!("{}.html", course.chapters[i].slug),
                part: course.chapters[i].slug.clone(),
            })
            .collect();
        if course.split {
            return aus
                .into_iter()
                .map(|au| {
                    let part = au.course.clone();
                    self.package(ctx, &part, vec![au])
                })
                .collect();
        }
        Ok(vec![self.package(ctx, course, aus)?])
    }
}

impl Cmi5 {
    fn package(&self, ctx: &BuildContext<'_>, course: &Course, aus: Vec<Au>) -> Result<Artifact> {
        let mut entries: Vec<Entry> = shared_files(ctx, course, true)?;
        for au in &aus {
            entries.push(page(ctx, &au.course, &au.href, "cmi5")?);
        }
        entries.push(("CourseStructure.xsd".into(), SCHEMA.to_vec()));
        let xml = structure(course, &aus).context("writing cmi5.xml")?;
        entries.push(("cmi5.xml".into(), xml.into_bytes()));
        let name = format!("{}-cmi5.zip", course.player.id);
        Ok(Artifact::File { name, bytes: package::zip(entries)? })
    }
}

/// `cmi5.xml`: the course and its AUs, in the course's language.
fn structure(course: &Course, aus: &[Au]) -> io::Result<String> {
    let lang = match course.player.language {
        kursverk_player::model::Language::Sv => "sv-SE",
        kursverk_player::model::Language::En => "en-GB",
    };
    let description = course.description.clone().unwrap_or_else(|| course.player.title.clone());
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("courseStructure").with_attribute(("xmlns", NAMESPACE)).write_inner_content(
        |w| {
            w.create_element("course")
                .with_attribute(("id", course.activity.as_str()))
                .write_inner_content(|w| {
                    langstring(w, "title", lang, &course.player.title)?;
                    langstring(w, "description", lang, &description)
                })?;
            for au in aus {
                let player = &au.course.player;
                let scored = player.scored().next().is_some();
                let id = format!("{}/{}", course.activity, au.part);
                let mastery = format!("{}", f64::from(player.mastery_score) / 100.0);
                let mut el =
                    w.create_element("au").with_attribute(("id", id.as_str())).with_attribute((
                        "moveOn",
                        if scored { "CompletedAndPassed" } else { "Completed" },
                    ));
                if scored {
                    el = el.with_attribute(("masteryScore", mastery.as_str()));
                }
                el.with_attribute(("launchMethod", "AnyWindow"))
                    .with_attribute(("activityType", "http://adlnet.gov/expapi/activities/lesson"))
                    .write_inner_content(|w| {
                        langstring(w, "title", lang, &player.title)?;
                        langstring(w, "description", lang, &description)?;
                        w.create_element("url").write_text_content(BytesText::new(&au.href))?;
                        Ok(())
                    })?;
            }
            Ok(())
        },
    )?;
    let mut xml = String::from_utf8(w.into_inner()).expect("quick-xml writes UTF-8");
    xml.push('\n');
    Ok(xml)
}

fn langstring<W: io::Write>(
    w: &mut Writer<W>,
    name: &str,
    lang: &str,
    text: &str,
) -> io::Result<()> {
    let text: String = text.chars().filter(|c| !crate::source::names::forbidden(*c)).collect();
    w.create_element(name).write_inner_content(|w| {
        w.create_element("langstring")
            .with_attribute(("lang", lang))
            .write_text_content(BytesText::new(&text))?;
        Ok(())
    })?;
    Ok(())
}
