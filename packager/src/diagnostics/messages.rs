//! Every message Kursverk gives a course author, in every course language.
//!
//! One catalogue, written like the player's texts ([`kursverk_player::model::T`])
//! and the packager's words ([`crate::words::W`]): one entry per message,
//! its stable code, and its words in Swedish and English side by side, so
//! no language can lack a message (the macro will not compile such an
//! entry) and a translator reads both at once. The parser and the loader
//! only name a message ([`M`]) and its values; [`super::render`] picks the
//! language and fills in the values when the problems are shown.
//!
//! How the messages are written: for a trainer, not a programmer. The
//! message says what is wrong in the author's terms (a chapter, a page, a
//! question), the label points at the place, the hint says what to do,
//! with an example to copy. No words from the tools underneath (parsers,
//! encodings, types): a test holds the catalogue to that
//! (`no_message_uses_tool_words`).
//!
//! Codes are stable: a code, once published, keeps its meaning (editors and
//! CI scripts may match on it). KV01xx `course.toml`, KV02xx chapter files
//! and their structure, KV03xx text, links and images, KV04xx questions,
//! KV05xx calculators, KV06xx exercises and times, KV07xx ids, KV08xx the
//! theme, KV9xxx `kursverk inspect`.

use kursverk_player::model::Language;

/// The words of one message in one language, values not yet filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// What is wrong, in one sentence.
    pub message: &'static str,
    /// A few words at the place in the file.
    pub label: Option<&'static str>,
    /// What to do.
    pub hint: Option<&'static str>,
    /// A few words at a second place (the first of two duplicates).
    pub also: Option<&'static str>,
}

/// Defines the catalogue: an enum with one variant per message (its values
/// as `String` fields), its code, and its words in each language.
macro_rules! messages {
    ($( $(#[$doc:meta])* $code:ident $name:ident $({ $($field:ident),* $(,)? })?
        sv $svm:literal $(label $svl:literal)? $(hint $svh:literal)? $(also $sva:literal)?
        en $enm:literal $(label $enl:literal)? $(hint $enh:literal)? $(also $ena:literal)? ;
    )*) => {
        /// A message for a course author; see the module docs.
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum M {
            $( $(#[$doc])* $name $({ $($field: String),* })?, )*
        }

        impl M {
            /// The stable code (`KV0101`).
            pub fn code(&self) -> &'static str {
                match self { $(M::$name { .. } => stringify!($code),)* }
            }

            /// The message's words in `language`, values not filled in.
            pub fn words(&self, language: Language) -> Words {
                match (self, language) {
                    $(
                        (M::$name { .. }, Language::Sv) => Words {
                            message: $svm,
                            label: None $(.or(Some($svl)))?,
                            hint: None $(.or(Some($svh)))?,
                            also: None $(.or(Some($sva)))?,
                        },
                        (M::$name { .. }, Language::En) => Words {
                            message: $enm,
                            label: None $(.or(Some($enl)))?,
                            hint: None $(.or(Some($enh)))?,
                            also: None $(.or(Some($ena)))?,
                        },
                    )*
                }
            }

            /// The values to fill in, by name.
            pub fn values(&self) -> Vec<(&'static str, &str)> {
                match self {
                    $(M::$name $({ $($field),* })? => vec![$($((stringify!($field), $field.as_str())),*)?],)*
                }
            }

            /// One of each message, its values named after themselves: for
            /// tests of the whole catalogue.
            pub fn examples() -> Vec<M> {
                vec![$(M::$name $({ $($field: stringify!($field).to_owned()),* })?,)*]
            }
        }
    };
}

messages! {
    // ── course.toml ──────────────────────────────────────────────────────

    /// `course.toml` is in another encoding than UTF-8.
    KV0101 TomlNotUtf8
        sv "course.toml är inte sparad som UTF-8, så Kursverk kan inte läsa alla tecken i den."
           hint "Spara filen som UTF-8. I Anteckningar: Arkiv, Spara som, Kodning: UTF-8."
        en "course.toml is not saved as UTF-8, so Kursverk cannot read all of its characters."
           hint "Save the file as UTF-8. In Notepad: File, Save as, Encoding: UTF-8.";
    /// There is no `course.toml`.
    KV0102 TomlMissing { folder }
        sv "Mappen {folder} har ingen fil som heter course.toml."
           hint "En kurs är en mapp med course.toml och en Markdown-fil per kapitel. Starta en ny kurs med: kursverk new min-kurs"
        en "The folder {folder} has no file called course.toml."
           hint "A course is a folder with course.toml and one Markdown file per chapter. Start a new course with: kursverk new my-course";
    /// `course.toml` exists but cannot be opened.
    KV0103 TomlUnreadable { folder }
        sv "Kursverk får inte öppna course.toml i {folder}."
           hint "Kontrollera att du har behörighet att läsa filen och att den inte är öppen i ett annat program som låser den."
        en "Kursverk cannot open course.toml in {folder}."
           hint "Check that you may read the file and that no other program has it locked.";
    /// Curly quotes where straight ones belong.
    KV0104 TomlCurlyQuotes { fixed }
        sv "Raden har typografiska citattecken “ ” där det ska vara raka \" \"."
           label "ett typografiskt citattecken"
           hint "Skriv raden med raka citattecken: {fixed} (Word och en del redigerare byter ut dem; använd en enkel textredigerare, som Anteckningar.)"
        en "The line has curly quotes “ ” where straight ones \" \" belong."
           label "a curly quote"
           hint "Write the line with straight quotes: {fixed} (Word and some editors change them; use a plain text editor, such as Notepad.)";
    /// A key written below `[group]` belongs to the group.
    KV0105 TomlKeyInGroup { key, group }
        sv "`{key}` hör till kursen, men står under [{group}] och läses därför som en del av [{group}]."
           label "under [{group}]"
           hint "Allt som står under [{group}] hör till den. Flytta `{key}` ovanför raden [{group}]."
        en "`{key}` belongs to the course, but it is below [{group}] and so is read as part of [{group}]."
           label "below [{group}]"
           hint "Everything below [{group}] belongs to it. Move `{key}` above the [{group}] line.";
    /// A key Kursverk does not know.
    KV0106 TomlUnknownKey { key, known }
        sv "Kursverk känner inte till inställningen `{key}`."
           label "okänd inställning"
           hint "Kontrollera stavningen. Inställningarna i course.toml är: {known}."
        en "Kursverk does not know the setting `{key}`."
           label "unknown setting"
           hint "Check the spelling. The settings in course.toml are: {known}.";
    /// A number in quotes.
    KV0107 TomlNumberAsText { key, value }
        sv "`{key}` ska vara ett tal, men här står det som text."
           label "ett tal inom citattecken"
           hint "Skriv talet utan citattecken: {key} = {value}"
        en "`{key}` is a number, but it is written here as text."
           label "a number in quotes"
           hint "Write the number without quotes: {key} = {value}";
    /// Text without quotes.
    KV0108 TomlTextUnquoted { key, value }
        sv "`{key}` är en text, och text ska stå inom citattecken."
           label "inga citattecken"
           hint "Skriv {key} = \"{value}\""
        en "`{key}` is text, and text goes in quotes."
           label "no quotes"
           hint "Write {key} = \"{value}\"";
    /// A required key is missing.
    KV0109 TomlMissingKey { key }
        sv "course.toml saknar `{key}`, som varje kurs måste ha."
           hint "Lägg till en rad med `{key}`. I docs/course-format.md finns ett exempel på en hel course.toml."
        en "course.toml lacks `{key}`, which every course needs."
           hint "Add a line with `{key}`. docs/course-format.md has an example of a whole course.toml.";
    /// A value of the wrong kind (a list where text belongs, …).
    KV0110 TomlWrongKind { key }
        sv "Värdet för `{key}` är skrivet på fel sätt."
           label "det här värdet"
           hint "Jämför med exemplet i docs/course-format.md: text inom \"citattecken\", tal utan, listor inom [hakparenteser], sant och falskt som true och false."
        en "The value of `{key}` is written the wrong way."
           label "this value"
           hint "Compare it with the example in docs/course-format.md: text in \"quotes\", numbers without, lists in [brackets], yes and no as true and false.";
    /// Any other line TOML cannot read.
    KV0111 TomlSyntax
        sv "Kursverk kan inte läsa den här raden i course.toml."
           label "här"
           hint "Varje rad är namn = värde: text inom raka \"citattecken\", tal utan, listor inom [hakparenteser] med kommatecken emellan. Rubriker som [quiz] står på en egen rad."
        en "Kursverk cannot read this line of course.toml."
           label "here"
           hint "Each line is name = value: text in straight \"quotes\", numbers without, lists in [brackets] with commas between. Headings like [quiz] stand on a line of their own.";
    /// A key written twice.
    KV0123 TomlDuplicateKey { key }
        sv "`{key}` står två gånger i course.toml."
           label "andra gången"
           hint "Ta bort den ena raden med `{key}`."
        en "`{key}` is in course.toml twice."
           label "the second time"
           hint "Remove one of the lines with `{key}`.";
    /// A list without a comma between two entries.
    KV0124 TomlMissingComma
        sv "Ett kommatecken saknas mellan två saker i listan."
           label "här"
           hint "Skriv kommatecken mellan sakerna: chapters = [\"01-inledning.md\", \"02-nasta.md\"]"
        en "A comma is missing between two entries of the list."
           label "here"
           hint "Write commas between the entries: chapters = [\"01-intro.md\", \"02-next.md\"]";
    /// `\u0001`-style escapes.
    KV0112 TomlControlChars
        sv "course.toml har osynliga styrtecken (skrivna som `\\u…`); de har bytts mot mellanslag."
           hint "Ta bort `\\u…`-koderna för styrtecken ur course.toml."
        en "course.toml has invisible control characters (written as `\\u…`); they were replaced by spaces."
           hint "Remove the `\\u…` codes of control characters from course.toml.";
    /// The course id has characters an id cannot have.
    KV0113 BadCourseId { id }
        sv "`{id}` kan inte vara kursens id."
           label "ogiltigt id"
           hint "Använd små bokstäver a–z, siffror och bindestreck, och börja med en bokstav, till exempel id = \"kugghjul\"."
        en "`{id}` cannot be the course's id."
           label "not a valid id"
           hint "Use lowercase letters a–z, digits and hyphens, starting with a letter, for example id = \"kugghjul\".";
    /// A setting with a fixed set of values has another one.
    KV0114 UnknownValue { key, value, known }
        sv "`{value}` är inget av de värden som `{key}` kan ha."
           label "okänt värde"
           hint "Skriv ett av: {known}. Se docs/course-format.md."
        en "`{value}` is not one of the values `{key}` can have."
           label "unknown value"
           hint "Write one of: {known}. See docs/course-format.md.";
    /// Mastery score outside 0–100.
    KV0115 MasteryRange { value }
        sv "Gränsen för godkänt är en procentsats, och {value} ligger inte mellan 0 och 100."
           label "inte mellan 0 och 100"
           hint "Skriv till exempel mastery-score = 80 för 80 procent rätta svar."
        en "The pass mark is a percentage, and {value} is not between 0 and 100."
           label "not between 0 and 100"
           hint "Write for example mastery-score = 80 for 80 per cent right answers.";
    /// `chapters = []`.
    KV0116 NoChapters
        sv "Kursen har inga kapitel."
           hint "Skriv kapitelfilerna i course.toml: chapters = [\"01-inledning.md\", \"02-nasta.md\"]"
        en "The course has no chapters."
           hint "List the chapter files in course.toml: chapters = [\"01-intro.md\", \"02-next.md\"]";
    /// `split = true` without `sco = "chapter"`.
    KV0117 SplitNeedsSco
        sv "split = true fungerar bara när varje kapitel är en egen SCO."
           hint "Lägg till sco = \"chapter\", eller ta bort split."
        en "split = true works only when each chapter is a SCO of its own."
           hint "Add sco = \"chapter\", or remove split.";
    /// `[quiz] chapters` names a file not in `chapters`.
    KV0118 QuizChapterUnknown { name }
        sv "`{name}` är inte ett av kursens kapitel."
           hint "Under [quiz] kan du bara nämna kapitelfiler som också står i chapters."
        en "`{name}` is not one of the course's chapters."
           hint "Under [quiz], name only chapter files that are also listed in chapters.";
    /// The same chapter file twice in `chapters`.
    KV0119 ChapterTwice { name }
        sv "Kapitlet `{name}` står två gånger i listan."
           hint "Ta bort det ena."
           also "första gången här"
        en "The chapter `{name}` is listed twice."
           hint "Remove one of them."
           also "first listed here";
    /// A quiz without graded questions.
    KV0120 QuizNoGraded
        sv "Provet har inga frågor med rätt svar, så ingen kan klara det."
           hint "Kapitlen under [quiz] behöver frågor med rätta svar (flervalsfrågor, sant-falskt, fyll i, ordning eller para ihop)."
        en "The quiz has no questions with right answers, so no one can pass it."
           hint "The chapters under [quiz] need questions with right answers (choice, true-false, fill-in, ordering or matching).";
    /// Saved progress close to SCORM 1.2's 4,096 characters.
    KV0121 StateNearLimit { id, size, limit }
        sv "Det som sparas om en deltagare i `{id}` kan bli {size} tecken, nära de {limit} som SCORM 1.2 rymmer."
           hint "Ge varje kapitel en egen SCO (sco = \"chapter\"), dela det största kapitlet i två, använd färre sidor eller frågor, eller publicera som SCORM 2004."
        en "What is saved of a learner in `{id}` may reach {size} characters, close to the {limit} SCORM 1.2 keeps."
           hint "Give each chapter its own SCO (sco = \"chapter\"), split the largest chapter in two, use fewer pages or questions, or publish as SCORM 2004.";
    /// Saved progress over SCORM 1.2's 4,096 characters.
    KV0122 StateOverLimit { id, size, limit }
        sv "Det som sparas om en deltagare i `{id}` kan bli {size} tecken, fler än de {limit} som SCORM 1.2 rymmer. Långa svar sparas då bara i webbläsaren."
           hint "Ge varje kapitel en egen SCO (sco = \"chapter\"), dela det största kapitlet i två, använd färre sidor eller frågor, eller publicera som SCORM 2004."
        en "What is saved of a learner in `{id}` may reach {size} characters, more than the {limit} SCORM 1.2 keeps. Long answers are then kept in the browser only."
           hint "Give each chapter its own SCO (sco = \"chapter\"), split the largest chapter in two, use fewer pages or questions, or publish as SCORM 2004.";
    /// `[xapi] endpoint` is not a web address.
    KV0126 XapiEndpoint { value }
        sv "`{value}` är inte adressen till en LRS (en lärpostlagring)."
           label "inte en webbadress"
           hint "Skriv hela adressen till LRS:ens xAPI-gränssnitt, till exempel endpoint = \"https://lrs.kommun.example.se/xapi/\". Fråga den som driver er LRS."
        en "`{value}` is not the address of an LRS (Learning Record Store)."
           label "not a web address"
           hint "Write the whole address of the LRS's xAPI interface, for example endpoint = \"https://lrs.example.org/xapi/\". Ask whoever runs your LRS.";
    /// `[xapi] activity-id` is not an IRI.
    KV0127 XapiActivity { value }
        sv "`{value}` kan inte vara kursens id i xAPI."
           label "inte en adress"
           hint "Använd en adress som din organisation äger, till exempel activity-id = \"https://kommun.example.se/kurser/kugghjul\", eller ta bort raden."
        en "`{value}` cannot be the course's id in xAPI."
           label "not an address"
           hint "Use an address your organisation owns, for example activity-id = \"https://example.org/courses/gears\", or remove the line.";
    /// `[xapi]` says how to identify learners but has no endpoint, or the reverse.
    KV0128 XapiNeeds { what }
        sv "Under [xapi] saknas `{what}`."
           hint "En webbversion som rapporterar till en LRS behöver endpoint (LRS:ens adress) och learner (\"email\", \"number\" eller \"link\"). Med learner = \"number\" behövs också account-home, din organisations webbadress."
        en "`{what}` is missing under [xapi]."
           hint "A web build that reports to an LRS needs endpoint (the LRS's address) and learner (\"email\", \"number\" or \"link\"). With learner = \"number\", account-home, your organisation's web address, is needed too.";

    // ── chapter files and their structure ────────────────────────────────

    /// A chapter path leading out of the folder.
    KV0201 ChapterOutside { name }
        sv "Kapitelfilen `{name}` ligger utanför kursmappen."
           hint "Kapitelfilerna ska ligga i kursmappen. Skriv bara filnamnet."
        en "The chapter file `{name}` is outside the course folder."
           hint "Chapter files live in the course folder. Write just the file name.";
    /// A chapter that is a link to a file elsewhere.
    KV0202 ChapterLinkedOut { name }
        sv "Kapitelfilen `{name}` är en länk till en fil utanför kursmappen."
           label "en länk till en annan mapp"
           hint "Kopiera kapitelfilen till kursmappen i stället för att länka till den."
        en "The chapter file `{name}` is a link to a file outside the course folder."
           label "a link to another folder"
           hint "Copy the chapter file into the course folder instead of linking to it.";
    /// A chapter file over the size limit.
    KV0203 ChapterTooLarge { name, size, max }
        sv "Kapitelfilen `{name}` är {size} MB, och ett kapitel får vara högst {max} MB."
           label "för stor fil"
           hint "Dela upp texten i flera kapitel. Är det verkligen rätt fil?"
        en "The chapter file `{name}` is {size} MB, and a chapter may be at most {max} MB."
           label "too large a file"
           hint "Split the text into several chapters. Is it really the right file?";
    /// A chapter in another encoding than UTF-8.
    KV0204 ChapterNotUtf8 { name }
        sv "Kapitelfilen `{name}` är inte sparad som UTF-8, så Kursverk kan inte läsa alla tecken i den."
           label "den här filen"
           hint "Öppna filen och spara den som UTF-8. I Anteckningar: Arkiv, Spara som, Kodning: UTF-8."
        en "The chapter file `{name}` is not saved as UTF-8, so Kursverk cannot read all of its characters."
           label "this file"
           hint "Open the file and save it as UTF-8. In Notepad: File, Save as, Encoding: UTF-8.";
    /// A chapter file that does not exist; other Markdown files do.
    KV0205 ChapterMissing { name, others }
        sv "Kapitelfilen `{name}` finns inte."
           label "står här"
           hint "Kontrollera stavningen. Markdown-filerna i kursmappen är: {others}."
        en "The chapter file `{name}` does not exist."
           label "listed here"
           hint "Check the spelling. The Markdown files in the course folder are: {others}.";
    /// A chapter file that does not exist, and no Markdown file does.
    KV0206 ChapterMissingNoneNear { name }
        sv "Kapitelfilen `{name}` finns inte, och kursmappen har inga Markdown-filer."
           label "står här"
           hint "Skapa `{name}` i kursmappen, eller ta bort den ur chapters."
        en "The chapter file `{name}` does not exist, and the course folder has no Markdown files."
           label "listed here"
           hint "Create `{name}` in the course folder, or remove it from chapters.";
    /// A chapter file that exists but cannot be opened.
    KV0207 ChapterUnreadable { name }
        sv "Kursverk får inte öppna kapitelfilen `{name}`."
           label "står här"
           hint "Kontrollera att du har behörighet att läsa filen och att inget annat program låser den."
        en "Kursverk cannot open the chapter file `{name}`."
           label "listed here"
           hint "Check that you may read the file and that no other program has it locked.";
    /// Invisible control characters in a chapter.
    KV0208 ControlChars { count }
        sv "Kapitlet har {count} osynliga styrtecken; de har bytts mot mellanslag."
           label "det första finns här"
           hint "Ta bort dem. Word lägger in ett för varje Skift+Retur."
        en "The chapter has {count} invisible control characters; they were replaced by spaces."
           label "the first one is here"
           hint "Delete them. Word adds one for each Shift+Enter.";
    /// Two `#` headings in a chapter.
    KV0209 SecondTitle
        sv "Ett kapitel har bara en rubrik med `#`."
           label "en andra rubrik med `#`"
           hint "Börja en ny sida med `##`, eller lägg det här i en egen kapitelfil."
        en "A chapter has just one `#` heading."
           label "a second `#` heading"
           hint "Start a new page with `##`, or put this in a chapter file of its own.";
    /// Text before the chapter's title.
    KV0210 TextBeforeTitle
        sv "Kapitlet ska börja med sin rubrik."
           label "text före kapitlets rubrik"
           hint "Skriv kapitlets rubrik på första raden, som `# Rubrik`."
        en "The chapter must start with its title."
           label "text before the chapter's title"
           hint "Put the chapter's title on the first line, as `# Title`.";
    /// No `#` heading at all.
    KV0211 NoTitle
        sv "Kapitlet har ingen rubrik."
           hint "Skriv kapitlets rubrik på första raden, som `# Rubrik`."
        en "The chapter has no title."
           hint "Put the chapter's title on the first line, as `# Title`.";
    /// A page heading with nothing under it.
    KV0212 EmptyPage
        sv "Sidan är tom."
           label "en rubrik utan text under"
           hint "Skriv sidans text under rubriken, eller ta bort rubriken."
        en "The page is empty."
           label "a heading with no text under it"
           hint "Write the page's text under its heading, or remove the heading.";
    /// A chapter with a title and nothing else.
    KV0213 NoPages
        sv "Kapitlet har inga sidor."
           hint "Skriv text under rubriken, eller sidrubriker `## Sidans rubrik` med text under."
        en "The chapter has no pages."
           hint "Write text under the title, or page headings `## Page title` with text under them.";

    // ── text, links and images ───────────────────────────────────────────

    /// HTML in a chapter.
    KV0301 HtmlAsText
        sv "HTML-kod visas som text för deltagarna; den används inte."
           label "visas precis så här"
           hint "Använd Markdown i stället: **fet**, *kursiv*, [länk](https://…), och `\\` sist på en rad för radbrytning. Vill du visa kod, skriv den inom `bakåtfnuttar`."
        en "HTML is shown to learners as text; it is not used."
           label "shown just like this"
           hint "Use Markdown instead: **bold**, *italic*, [link](https://…), and `\\` at the end of a line for a line break. To show code, put it in `backticks`.";
    /// A link that could run script.
    KV0302 UnsafeLink { link }
        sv "Länken `{link}` kan inte användas."
           label "inte en webb-, e-post- eller telefonadress"
           hint "En länk går till https://…, mailto:… eller tel:…, eller till en sida i kursen (#page-sidans-id)."
        en "The link `{link}` cannot be used."
           label "not a web, e-mail or phone address"
           hint "A link goes to https://…, mailto:… or tel:…, or to a page in the course (#page-its-id).";
    /// `{…}` on a heading other than a page's id.
    KV0303 HeadingAttributes
        sv "Bara en sidrubrik (`##`) kan ha något inom `{…}`, och då bara sidans id."
           label "inte tillåtet här"
           hint "Skriv `## Sidans rubrik {#sidans-id}`, eller ta bort `{…}`."
        en "Only a page heading (`##`) can have something in `{…}`, and only the page's id."
           label "not allowed here"
           hint "Write `## Page title {#page-id}`, or remove the `{…}`.";
    /// A tab-indented list.
    KV0304 IndentedList
        sv "Den här indragna listan visas som en grå ruta med maskinskriven text, inte som en punktlista."
           label "indragen med tabb eller fyra mellanslag"
           hint "Börja listans rader vid vänsterkanten (`- punkt`). Bara raderna under ett svar dras in, så att de börjar under svarets text."
        en "This indented list shows as a grey box of typewriter text, not as a bulleted list."
           label "indented with a tab or four spaces"
           hint "Start the list's lines at the left edge (`- item`). Only the lines under an answer are indented, so that they start under the answer's text.";
    /// An image without alt text.
    KV0305 ImageNoText
        sv "Bilden saknar alternativtext (den text som skärmläsare läser upp)."
           label "inget mellan [ och ]"
           hint "Skriv vad bilden visar mellan hakparenteserna, till exempel ![Stapeldiagram: sex veckor mot fyra månader](bilder/fil.svg). Skärmläsare läser texten, och den syns om bilden inte kan visas."
        en "The image has no alternative text (what screen readers read out)."
           label "nothing between [ and ]"
           hint "Write what the image shows between the brackets, for example ![Bar chart: six weeks against four months](images/file.svg). Screen readers read the text, and it shows when the image cannot.";
    /// An image on the internet.
    KV0306 ImageUrl
        sv "Bilder ska vara filer i kursmappen."
           label "en adress på internet"
           hint "Ladda ner bilden till kursmappen och skriv dess sökväg. En kurs ska fungera utan nätverk."
        en "Images must be files in the course folder."
           label "an address on the internet"
           hint "Download the image into the course folder and write its path. A course must work without a network.";
    /// An image path leading out of the folder.
    KV0307 ImageOutside { path }
        sv "Bilden `{path}` ligger utanför kursmappen."
           label "sökvägen leder ut ur kursmappen"
           hint "Kopiera bilden till kursmappen (till exempel till bilder/) och skriv en sökväg inom den."
        en "The image `{path}` is outside the course folder."
           label "this path leads out of the course folder"
           hint "Copy the image into the course folder (for example into images/) and write a path inside it.";
    /// An image that does not exist; other images do nearby.
    KV0308 ImageMissing { path, nearby }
        sv "Bilden `{path}` finns inte."
           label "ingen fil med det namnet"
           hint "Kontrollera stavningen. Bilderna i den mappen är: {nearby}."
        en "The image `{path}` does not exist."
           label "no file by that name"
           hint "Check the spelling. The images in that folder are: {nearby}.";
    /// An image whose name differs from a file's only in case.
    KV0316 ImageCase { path, actual }
        sv "Bilden `{path}` finns inte, men `{actual}` finns. Stora och små bokstäver måste stämma."
           label "stora och små bokstäver skiljer sig"
           hint "Skriv `{actual}`. Det fungerar kanske på din dator, men inte på lärplattformens server, där `{path}` och `{actual}` är olika filer."
        en "The image `{path}` does not exist, but `{actual}` does. Upper and lower case must match."
           label "upper and lower case differ"
           hint "Write `{actual}`. It may work on your computer, but not on the learning platform's server, where `{path}` and `{actual}` are different files.";
    /// An image that does not exist, and no image is nearby.
    KV0309 ImageMissingNoneNear { path }
        sv "Bilden `{path}` finns inte."
           label "ingen fil med det namnet"
           hint "Kontrollera stavningen. Sökvägen räknas från kursmappen, till exempel bilder/diagram.svg."
        en "The image `{path}` does not exist."
           label "no file by that name"
           hint "Check the spelling. The path starts at the course folder, for example images/chart.svg.";
    /// Two images that would get one name in the package.
    KV0310 MediaCollision { target }
        sv "Två bilder skulle få samma namn i paketet: `{target}`."
           hint "Byt namn på en av de två bildfilerna."
           also "den andra bilden"
        en "Two images would get the same name in the package: `{target}`."
           hint "Rename one of the two image files."
           also "the other image";
    /// `[FRÅGA]` without `!`.
    KV0311 MarkerWithoutBang { word }
        sv "`[{word}]` saknar sitt `!`."
           label "läses som vanlig text, med svaren synliga"
           hint "Skriv `[!{word}]`."
        en "`[{word}]` lacks its `!`."
           label "read as ordinary text, answers and all"
           hint "Write `[!{word}]`.";
    /// A line without `>` inside a question.
    KV0312 QuestionCutShort
        sv "En rad utan `>` avslutar frågan ovanför, så det här kommer inte med i frågan."
           label "den här raden saknar `>`"
           hint "Börja även den tomma raden med `>`, så fortsätter frågan."
        en "A line without `>` ends the question above, so this part is not in it."
           label "this line has no `>`"
           hint "Start the empty line with `>` too, so the question goes on.";
    /// A line without `>` inside a box.
    KV0315 BoxCutShort
        sv "En rad utan `>` avslutar rutan ovanför, så det här hamnar utanför rutan."
           label "den här raden saknar `>`"
           hint "Börja även den tomma raden med `>`, så fortsätter rutan."
        en "A line without `>` ends the box above, so this part is outside it."
           label "this line has no `>`"
           hint "Start the empty line with `>` too, so the box goes on.";
    /// An unknown block name close to a known one.
    KV0313 UnknownBlockNear { block, near }
        sv "Kursverk känner inte till blocket `[!{block}]`."
           label "okänt block"
           hint "Menade du `[!{near}]`? Alla block finns i docs/course-format.md."
        en "Kursverk does not know the block `[!{block}]`."
           label "unknown block"
           hint "Did you mean `[!{near}]`? Every block is in docs/course-format.md.";
    /// An unknown block name.
    KV0314 UnknownBlock { block }
        sv "Kursverk känner inte till blocket `[!{block}]`."
           label "okänt block"
           hint "Blocken är [!FRÅGA], [!SANT-FALSKT], [!FYLL-I], [!ORDNING], [!PARA], [!SKALA], [!REFLEKTION], [!KALKYL], [!FAKTA], [!TIPS], [!VIKTIGT], [!VARNING], [!ÖVNING] och [!ÖVERSIKT] (se docs/course-format.md)."
        en "Kursverk does not know the block `[!{block}]`."
           label "unknown block"
           hint "The blocks are [!QUESTION], [!TRUE-FALSE], [!FILL-IN], [!ORDERING], [!MATCHING], [!SCALE], [!REFLECTION], [!CALCULATOR], [!NOTE], [!TIP], [!IMPORTANT], [!WARNING], [!EXERCISE] and [!OVERVIEW] (see docs/course-format.md).";

    // ── questions ────────────────────────────────────────────────────────

    /// An unknown word on a question's marker line.
    KV0401 UnknownQuestionSetting { setting }
        sv "Kursverk känner inte till inställningen `{setting}`."
           label "okänd inställning"
           hint "Efter frågans id kan du skriva: försök=2, visa-svar, vikt=2, valfri, exakt (fyll i) och flerval (flervalsfråga)."
        en "Kursverk does not know the setting `{setting}`."
           label "unknown setting"
           hint "After the question's id you may write: attempts=2, show-answer, weight=2, optional, exact (fill-in) and multiple (choice).";
    /// `visa-svar` without `försök`.
    KV0402 ShowAnswerNoTries
        sv "`visa-svar` gör ingenting utan `försök`."
           label "svaret visas när försöken är slut"
           hint "Skriv hur många försök deltagaren har, till exempel `försök=2 visa-svar`."
        en "`show-answer` does nothing without `attempts`."
           label "the answer is shown when the attempts are used up"
           hint "Write how many attempts the learner has, for example `attempts=2 show-answer`.";
    /// Text after a question's list of answers.
    KV0403 TextAfterAnswers
        sv "Det står text efter svaren."
           label "hör inte till något svar"
           hint "Återkoppling till ett svar skriver du på raden under svaret, indragen två mellanslag. För hela frågan: rader med `Rätt: …` och `Fel: …`."
        en "There is text after the answers."
           label "not part of any answer"
           hint "Feedback on one answer goes on the line under it, indented two spaces. For the whole question: lines `Right: …` and `Wrong: …`.";
    /// A question without its question.
    KV0404 QuestionNoText
        sv "Frågan har ingen frågetext."
           hint "Skriv frågan på raden under markören, med `>` först."
        en "The question has no question text."
           hint "Write the question on the line under the marker, starting with `>`.";
    /// A choice question without answers.
    KV0405 ChoiceNoAnswers
        sv "Frågan har inga svarsalternativ."
           label "ingen lista med svar"
           hint "Skriv svaren som en lista: `> - [x] rätt svar` och `> - [ ] fel svar`. Har du en tom rad utan `>` i frågan? Den avslutar frågan."
        en "The question has no answers to choose from."
           label "no list of answers"
           hint "Write the answers as a list: `> - [x] right answer` and `> - [ ] wrong answer`. Is there an empty line without `>` in the question? It ends the question.";
    /// An ordering question without items.
    KV0406 OrderingNoItems
        sv "Frågan har inget att sätta i ordning."
           label "ingen lista"
           hint "Skriv sakerna i rätt ordning: `> 1. först`, `> 2. sedan`. Har du en tom rad utan `>` i frågan? Den avslutar frågan."
        en "The question has nothing to put in order."
           label "no list"
           hint "List the items in the right order: `> 1. first`, `> 2. then`. Is there an empty line without `>` in the question? It ends the question.";
    /// A matching question without pairs.
    KV0407 MatchingNoPairs
        sv "Frågan har inga par."
           label "ingen lista med par"
           hint "Skriv paren som en lista: `> - vänster = höger`. Har du en tom rad utan `>` i frågan? Den avslutar frågan."
        en "The question has no pairs."
           label "no list of pairs"
           hint "Write the pairs as a list: `> - left = right`. Is there an empty line without `>` in the question? It ends the question.";
    /// A scale without points.
    KV0408 ScaleNoPoints
        sv "Skalan har inga steg."
           label "ingen lista"
           hint "Skriv skalans steg som en lista: `> - Stämmer inte alls`, …, `> - Stämmer helt`."
        en "The scale has no points."
           label "no list"
           hint "Write the scale's points as a list: `> - Not at all`, …, `> - Completely`.";
    /// A list in a true/false or fill-in question.
    KV0409 ListNotWanted
        sv "Den här sortens fråga har ingen lista med svar."
           hint "Skriv svaret på en egen rad: `> Svar: …`."
        en "This kind of question has no list of answers."
           hint "Write the answer on a line of its own: `> Answer: …`.";
    /// A graded question without feedback.
    KV0410 NoFeedback
        sv "Frågan har ingen återkoppling."
           label "ingen rad med `Rätt:` eller `Fel:`"
           hint "Lägg till raderna `> Rätt: …` och `> Fel: …`: vad deltagaren ska ta med sig av ett rätt eller ett fel svar."
        en "The question has no feedback."
           label "no `Right:` or `Wrong:` line"
           hint "Add the lines `> Right: …` and `> Wrong: …`: what the learner should take from a right or a wrong answer.";
    /// More than 26 answers.
    KV0411 TooManyAnswers
        sv "En fråga kan ha högst 26 svarsalternativ."
           hint "Dela upp den i två frågor."
        en "A question can have at most 26 answers."
           hint "Split it into two questions.";
    /// An answer without a checkbox.
    KV0412 AnswerUnmarked
        sv "Svaret saknar `[ ]` eller `[x]`."
           label "Kursverk kan inte veta om svaret är rätt"
           hint "Börja varje svar med `- [x] ` om det är rätt och `- [ ] ` om det är fel."
        en "The answer has no `[ ]` or `[x]`."
           label "Kursverk cannot tell if this answer is right"
           hint "Start each answer with `- [x] ` if it is right and `- [ ] ` if it is wrong.";
    /// A choice question with no right answer.
    KV0413 NoRightAnswer
        sv "Frågan har inget rätt svar."
           label "inget svar är markerat med `[x]`"
           hint "Markera det rätta svaret (eller svaren) med `- [x]`."
        en "The question has no right answer."
           label "no answer is marked `[x]`"
           hint "Mark the right answer (or answers) with `- [x]`.";
    /// A checkbox outside a choice question.
    KV0414 CheckboxNotChoice
        sv "`[ ]` och `[x]` hör till flervalsfrågor."
           hint "Skriv punkterna utan rutor."
        en "`[ ]` and `[x]` belong to choice questions."
           hint "Write the items without boxes.";
    /// Fewer than two items.
    KV0415 TooFewItems
        sv "Frågan behöver minst två punkter."
           hint "Lägg till fler punkter i listan."
        en "The question needs at least two items."
           hint "Add more items to the list.";
    /// A matching item without `=`.
    KV0416 PairWithoutEquals
        sv "Paret saknar `=`."
           label "Kursverk kan inte veta vad den här punkten hör ihop med"
           hint "Skriv varje par som `- vänster = höger`."
        en "The pair has no `=`."
           label "Kursverk cannot tell what this item goes with"
           hint "Write each pair as `- left = right`.";
    /// Fewer than two pairs.
    KV0417 TooFewPairs
        sv "Frågan behöver minst två par."
           hint "Lägg till fler par i listan."
        en "The question needs at least two pairs."
           hint "Add more pairs to the list.";
    /// A true/false question without its answer.
    KV0418 TrueFalseNoAnswer
        sv "Frågan har inget svar."
           label "ingen rad med `Svar:`"
           hint "Lägg till raden `> Svar: sant` eller `> Svar: falskt`."
        en "The question has no answer."
           label "no `Answer:` line"
           hint "Add the line `> Answer: true` or `> Answer: false`.";
    /// A fill-in question without its answer.
    KV0419 FillInNoAnswer
        sv "Frågan har inget svar."
           label "ingen rad med `Svar:`"
           hint "Lägg till en rad med de svar som godtas, åtskilda med `|`: `> Svar: sex veckor | 6 veckor`."
        en "The question has no answer."
           label "no `Answer:` line"
           hint "Add a line with the answers accepted, separated by `|`: `> Answer: six weeks | 6 weeks`.";
    /// A true/false answer that is neither.
    KV0420 NotTrueFalse { value }
        sv "`{value}` är varken sant eller falskt."
           hint "Skriv `Svar: sant` eller `Svar: falskt`."
        en "`{value}` is neither true nor false."
           hint "Write `Answer: true` or `Answer: false`.";
    /// `Svar:` with nothing after it.
    KV0421 EmptyAnswer
        sv "Raden med svaret är tom."
           hint "Skriv de svar som godtas, åtskilda med `|`: `Svar: sex veckor | 6 veckor`."
        en "The answer line is empty."
           hint "Write the answers accepted, separated by `|`: `Answer: six weeks | 6 weeks`.";

    // ── calculators ──────────────────────────────────────────────────────

    /// A calculator without an id.
    KV0501 CalculatorNoId
        sv "Räknaren behöver ett id."
           hint "Skriv ett id efter markören: `> [!KALKYL] jamforelse`."
        en "The calculator needs an id."
           hint "Write an id after the marker: `> [!CALCULATOR] comparison`.";
    /// A heading other than inputs and results.
    KV0502 CalculatorSection { name }
        sv "Räknaren har ingen del som heter `{name}`."
           hint "En räknare har delarna `#### Indata` och `#### Resultat`."
        en "A calculator has no part called `{name}`."
           hint "A calculator has the parts `#### Inputs` and `#### Results`.";
    /// Something other than a list under a calculator's heading.
    KV0503 CalculatorListOnly
        sv "Under den här rubriken får bara en lista stå."
           hint "Skriv varje indata eller resultat som en punkt som börjar med `- `."
        en "Only a list belongs under this heading."
           hint "Write each input or result as a list item starting with `- `.";
    /// A character a formula cannot have.
    KV0504 FormulaCharacter { formula, character }
        sv "Formeln `{formula}` kan inte räknas ut: tecknet `{character}` går inte att använda i en formel."
           label "i den här formeln"
           hint "En formel består av namnen under #### Indata, tal, + - * / och parenteser."
        en "The formula `{formula}` cannot be computed: the character `{character}` cannot be used in a formula."
           label "in this formula"
           hint "A formula is made of the inputs' names, numbers, + - * / and brackets.";
    /// Something left over after a whole formula.
    KV0505 FormulaLeftOver { formula }
        sv "Formeln `{formula}` kan inte räknas ut: något blir över. Saknas ett räknesätt?"
           label "i den här formeln"
           hint "Skriv + - * eller / mellan två tal eller namn."
        en "The formula `{formula}` cannot be computed: something is left over. Is an operator missing?"
           label "in this formula"
           hint "Write + - * or / between two numbers or names.";
    /// Too many nested brackets or minus signs.
    KV0506 FormulaTooDeep { formula, max }
        sv "Formeln `{formula}` har fler än {max} parenteser eller minustecken inuti varandra."
           label "i den här formeln"
           hint "Skriv formeln enklare."
        en "The formula `{formula}` has more than {max} brackets or minus signs inside each other."
           label "in this formula"
           hint "Write the formula more simply.";
    /// A number too long to use.
    KV0507 FormulaNumber { formula, number }
        sv "Formeln `{formula}` kan inte räknas ut: `{number}` är inget tal Kursverk kan räkna med."
           label "i den här formeln"
           hint "Skriv talet med färre siffror."
        en "The formula `{formula}` cannot be computed: `{number}` is not a number Kursverk can use."
           label "in this formula"
           hint "Write the number with fewer digits.";
    /// A name that is not one of the inputs.
    KV0508 FormulaUnknownName { formula, name, names }
        sv "Formeln `{formula}` kan inte räknas ut: `{name}` finns inte under #### Indata."
           label "i den här formeln"
           hint "Namnen under #### Indata är: {names}. Rätta stavningen, eller lägg till `{name}` under #### Indata."
        en "The formula `{formula}` cannot be computed: `{name}` is not under #### Inputs."
           label "in this formula"
           hint "The names under #### Inputs are: {names}. Correct the spelling, or add `{name}` under #### Inputs.";
    /// `(` without `)`.
    KV0509 FormulaUnclosed { formula }
        sv "Formeln `{formula}` kan inte räknas ut: en `(` stängs aldrig."
           label "i den här formeln"
           hint "Lägg till den `)` som saknas."
        en "The formula `{formula}` cannot be computed: a `(` is never closed."
           label "in this formula"
           hint "Add the missing `)`.";
    /// `)` without `(`.
    KV0510 FormulaStrayClose { formula }
        sv "Formeln `{formula}` kan inte räknas ut: en `)` saknar sin `(`."
           label "i den här formeln"
           hint "Ta bort den `)` som blivit över, eller lägg till den `(` som saknas."
        en "The formula `{formula}` cannot be computed: a `)` has no `(`."
           label "in this formula"
           hint "Remove the extra `)`, or add the missing `(`.";
    /// An operator without a number before it.
    KV0511 FormulaOperator { formula, operator }
        sv "Formeln `{formula}` kan inte räknas ut: `{operator}` behöver ett tal före sig."
           label "i den här formeln"
           hint "Skriv ett tal eller ett namn före `{operator}`."
        en "The formula `{formula}` cannot be computed: `{operator}` needs a number before it."
           label "in this formula"
           hint "Write a number or a name before `{operator}`.";
    /// A formula that stops halfway.
    KV0512 FormulaEnds { formula }
        sv "Formeln `{formula}` kan inte räknas ut: den tar slut för tidigt."
           label "i den här formeln"
           hint "Skriv klart formeln: efter ett räknesätt ska ett tal eller ett namn komma."
        en "The formula `{formula}` cannot be computed: it ends too early."
           label "in this formula"
           hint "Finish the formula: a number or a name comes after an operator.";
    /// A calculator without inputs or results.
    KV0513 CalculatorEmpty
        sv "Räknaren behöver både indata och resultat."
           hint "Lägg till `#### Indata` med `- `namn` Etikett: 6 veckor (1–52)` och `#### Resultat` med `- Etikett: `formel` enhet`."
        en "The calculator needs both inputs and results."
           hint "Add `#### Inputs` with `- `name` Label: 6 weeks (1–52)` and `#### Results` with `- Label: `formula` unit`.";
    /// An input line Kursverk cannot read.
    KV0514 InputUnreadable
        sv "Kursverk kan inte läsa den här raden under #### Indata."
           hint "Skriv den som `- `namn` Etikett: förval enhet (min–max)`, till exempel `- `veckor` Tid för utredningen: 6 veckor (1–52)`."
        en "Kursverk cannot read this input."
           hint "Write it as `- `name` Label: default unit (min–max)`, for example `- `weeks` Time for the assessment: 6 weeks (1–52)`.";
    /// An input name with characters a name cannot have.
    KV0515 InputName { name }
        sv "`{name}` kan inte vara ett namn under #### Indata."
           hint "Använd bokstäverna a–z, siffror och `_`, till exempel `timmar_per_vecka`."
        en "`{name}` cannot be the name of an input."
           hint "Use the letters a–z, digits and `_`, for example `hours_per_week`.";
    /// An input without a starting number.
    KV0516 InputNoNumber { value }
        sv "`{value}` börjar inte med ett tal."
           hint "Skriv förvalet först och sedan enheten: `6 veckor`."
        en "`{value}` does not start with a number."
           hint "Write the default value first, then the unit: `6 weeks`.";
    /// A result without a formula.
    KV0517 ResultNoFormula
        sv "Resultatet saknar formel."
           hint "Skriv formeln inom bakåtfnuttar: `- Skillnad: `veckor_trad - veckor_kugghjul` veckor`."
        en "The result has no formula."
           hint "Write the formula in backticks: `- Difference: `weeks_before - weeks_after` weeks`.";
    /// Two calculators with one id.
    KV0518 CalculatorIdTwice { id }
        sv "Två räknare har id `{id}`."
           hint "Byt namn på den ena."
           also "första gången här"
        en "Two calculators have the id `{id}`."
           hint "Rename one of them."
           also "first used here";

    // ── exercises and times ──────────────────────────────────────────────

    /// An exercise without `Tid:`.
    KV0601 ExerciseNoTime
        sv "Övningen har ingen tid."
           hint "Lägg till raden `> Tid: 40 min` under markören."
        en "The exercise has no time."
           hint "Add the line `> Time: 40 min` under the marker.";
    /// An exercise without a required section.
    KV0602 ExerciseNoSection { section }
        sv "Övningen har ingen del `#### {section}`."
           hint "Lägg till `#### {section}` med text under, på rader som börjar med `>`."
        en "The exercise has no `#### {section}` part."
           hint "Add `#### {section}` with text under it, on lines starting with `>`.";
    /// A section heading twice.
    KV0603 SectionTwice { name }
        sv "Delen `{name}` finns två gånger."
           hint "Samla all dess text under en rubrik."
        en "The part `{name}` is there twice."
           hint "Put all of its text under one heading.";
    /// A section heading Kursverk does not know.
    KV0604 UnknownSection { name }
        sv "Kursverk känner inte till delen `{name}`."
           label "okänd del"
           hint "Delarna är: Syfte, Mål, Förberedelse för ledaren, Förberedelse för deltagarna och Reflektion."
        en "Kursverk does not know the part `{name}`."
           label "unknown part"
           hint "The parts are: Purpose, Goals, Preparation for the leader, Preparation for the participants and Reflection.";
    /// A time Kursverk cannot read.
    KV0605 TimeUnreadable { time }
        sv "Kursverk kan inte läsa tiden `{time}`."
           label "ingen tid"
           hint "Skriv tiden som `Tid: 40 min`, `Tid: 1 tim 10 min` eller `Tid: 2 tim`."
        en "Kursverk cannot read the time `{time}`."
           label "not a time"
           hint "Write the time like `Time: 40 min`, `Time: 1 h 10 min` or `Time: 2 hours`.";
    /// A unit of time Kursverk does not know.
    KV0606 TimeUnit { time, word }
        sv "Kursverk kan inte läsa tiden `{time}`: `{word}` är ingen tidsenhet."
           label "ingen tid"
           hint "Enheterna är min och tim (eller minuter och timmar): `Tid: 1 tim 10 min`."
        en "Kursverk cannot read the time `{time}`: `{word}` is not a unit of time."
           label "not a time"
           hint "The units are min and h (or minutes and hours): `Time: 1 h 10 min`.";
    /// A time in words.
    KV0612 TimeInWords { time }
        sv "Kursverk kan inte läsa tiden `{time}`: tiden ska skrivas med siffror."
           label "ingen tid"
           hint "Skriv till exempel `Tid: 40 min` eller `Tid: 1 tim 30 min`."
        en "Kursverk cannot read the time `{time}`: write the time in digits."
           label "not a time"
           hint "Write for example `Time: 40 min` or `Time: 1 h 30 min`.";
    /// A range of times.
    KV0613 TimeRange { time }
        sv "Kursverk kan inte läsa tiden `{time}`: skriv en tid, inte ett spann."
           label "ingen tid"
           hint "Skriv den tid det brukar ta, till exempel `Tid: cirka 25 min`."
        en "Kursverk cannot read the time `{time}`: write one time, not a range."
           label "not a time"
           hint "Write the time it usually takes, for example `Time: about 25 min`.";
    /// A time over 1,000 hours.
    KV0607 TimeTooLong { time, hours }
        sv "Tiden `{time}` är längre än {hours} timmar."
           label "för lång"
           hint "Kontrollera talet."
        en "The time `{time}` is longer than {hours} hours."
           label "too long"
           hint "Check the number.";
    /// Two exercises on a page.
    KV0608 OneExercisePerPage
        sv "En sida har bara en övning."
           hint "Börja en ny sida (`## Övningens rubrik`) för den här övningen."
           also "sidans övning"
        en "A page holds just one exercise."
           hint "Start a new page (`## Exercise title`) for this exercise."
           also "the page's exercise";
    /// Two overviews in a chapter.
    KV0609 OneOverview
        sv "Ett kapitel har bara en översikt."
           hint "Slå ihop de två översikterna till en."
        en "A chapter has just one overview."
           hint "Merge the two overviews into one.";
    /// A chapter's stated time differs from its exercises' sum.
    KV0610 TimeDisagrees { stated, count, sum }
        sv "Den angivna tiden {stated} stämmer inte med summan av kapitlets {count} övningar, {sum}."
           label "angiven här"
           hint "Kontrollera övningarnas tider och rätta den här raden. Den tryckta handledningen visar den uträknade summan."
        en "The stated time {stated} differs from the sum of the chapter's {count} exercises, {sum}."
           label "stated here"
           hint "Check the exercises' times and correct this line. The printed guide shows the computed sum.";
    /// The same, for a time stated as approximate.
    KV0611 TimeDisagreesApproximately { stated, count, sum }
        sv "Den ungefärliga tiden {stated} stämmer inte med summan av kapitlets {count} övningar, {sum}."
           label "angiven här"
           hint "Kontrollera övningarnas tider och rätta den här raden. Den tryckta handledningen visar den uträknade summan."
        en "The approximate time {stated} differs from the sum of the chapter's {count} exercises, {sum}."
           label "stated here"
           hint "Check the exercises' times and correct this line. The printed guide shows the computed sum.";

    // ── ids ──────────────────────────────────────────────────────────────

    /// An exercise id with characters an id cannot have.
    KV0701 BadExerciseId { id }
        sv "`{id}` kan inte vara id för en övning."
           hint "Använd små bokstäver a–z, siffror och bindestreck."
        en "`{id}` cannot be an exercise's id."
           hint "Use lowercase letters a–z, digits and hyphens.";
    /// Two exercises with one id.
    KV0702 ExerciseIdTwice { id }
        sv "Två övningar har id `{id}`."
           hint "Varje övning behöver ett eget id. Byt id på den ena (helst den nya: ändra inte id på en övning som redan är publicerad)."
           also "första gången här"
        en "Two exercises have the id `{id}`."
           hint "Every exercise needs an id of its own. Change one of them (the new one: do not change the id of one already published)."
           also "first used here";
    /// A page id with characters an id cannot have.
    KV0703 BadPageId { id }
        sv "`{id}` kan inte vara id för en sida."
           hint "Använd små bokstäver a–z, siffror och bindestreck."
        en "`{id}` cannot be a page's id."
           hint "Use lowercase letters a–z, digits and hyphens.";
    /// Two pages with one id.
    KV0704 PageIdTwice { id }
        sv "Två sidor har id `{id}`."
           hint "Ge den ena sidan ett annat {#id}."
           also "första gången här"
        en "Two pages have the id `{id}`."
           hint "Give one of the pages another {#id}."
           also "first used here";
    /// A question id with characters an id cannot have.
    KV0705 BadQuestionId { id }
        sv "`{id}` kan inte vara id för en fråga."
           label "ogiltigt id"
           hint "Använd små bokstäver a–z, siffror och bindestreck, till exempel `sex-veckor`."
        en "`{id}` cannot be a question's id."
           label "not a valid id"
           hint "Use lowercase letters a–z, digits and hyphens, for example `six-weeks`.";
    /// Two questions with one id.
    KV0706 QuestionIdTwice { id }
        sv "Två frågor har id `{id}`."
           label "igen här"
           hint "Varje fråga behöver ett eget id. Byt id på den ena (helst den nya: ändrar du id på en publicerad fråga förlorar deltagarna sina svar på den)."
           also "första gången här"
        en "Two questions have the id `{id}`."
           label "again here"
           hint "Every question needs an id of its own. Change one of them (the new one: changing a published question's id loses the learners' answers to it)."
           also "first used here";
    /// Two ids that share a key in saved progress.
    KV0707 IdsClash { first, second }
        sv "Frågornas id `{first}` och `{second}` krockar i det som sparas om deltagaren."
           hint "Byt id på en av de två frågorna (vilket annat id som helst duger)."
           also "krockar med det här"
        en "The questions' ids `{first}` and `{second}` clash in what is saved of the learner."
           hint "Change the id of one of the two questions (any other id will do)."
           also "clashes with this one";

    // ── the theme ────────────────────────────────────────────────────────

    /// A theme file in another encoding than UTF-8.
    KV0801 ThemeNotUtf8 { name }
        sv "`{name}` är inte sparad som UTF-8, så Kursverk kan inte läsa alla tecken i den."
           hint "Spara filen som UTF-8. I Anteckningar: Arkiv, Spara som, Kodning: UTF-8."
        en "`{name}` is not saved as UTF-8, so Kursverk cannot read all of its characters."
           hint "Save the file as UTF-8. In Notepad: File, Save as, Encoding: UTF-8.";
    /// A theme folder without `theme.toml`.
    KV0802 ThemeNoToml { folder }
        sv "Temamappen `{folder}` har ingen theme.toml."
           label "den här mappen"
           hint "En temamapp har en theme.toml (logo, logo-alt, accent, font) och, om du vill, mappen templates/."
        en "The theme folder `{folder}` has no theme.toml."
           label "this folder"
           hint "A theme folder holds theme.toml (logo, logo-alt, accent, font) and, if you like, a templates/ folder.";
    /// A theme folder naming another.
    KV0803 ThemeNested
        sv "En temamapp kan inte peka på en annan temamapp."
           hint "Ta bort `folder` ur temamappens theme.toml."
        en "A theme folder cannot name another theme folder."
           hint "Remove `folder` from the theme folder's theme.toml.";
    /// A line of `theme.toml` Kursverk cannot read.
    KV0804 ThemeSyntax
        sv "Kursverk kan inte läsa den här raden i theme.toml."
           label "här"
           hint "theme.toml känner till logo, logo-alt, accent och font, och text står inom raka \"citattecken\": accent = \"#0b5cad\"."
        en "Kursverk cannot read this line of theme.toml."
           label "here"
           hint "theme.toml knows logo, logo-alt, accent and font, and text goes in straight \"quotes\": accent = \"#0b5cad\".";
    /// An accent colour that is no colour.
    KV0805 AccentNotColour { value }
        sv "`{value}` är ingen färg Kursverk kan läsa."
           hint "Skriv färgen som # och sex hexadecimala siffror (0–9, a–f), till exempel accent = \"#0b5cad\"."
        en "`{value}` is not a colour Kursverk can read."
           hint "Write the colour as # and six hexadecimal digits (0–9, a–f), for example accent = \"#0b5cad\".";
    /// An accent colour too light to read.
    KV0806 AccentTooLight { value, ratio, darker }
        sv "Accentfärgen `{value}` är för ljus: kontrasten mot bakgrunden är bara {ratio}:1."
           label "WCAG AA kräver 4,5:1"
           hint "Välj en mörkare nyans, till exempel accent = \"{darker}\". Färgen används till länkar, knappar och den aktuella sidan."
        en "The accent colour `{value}` is too light: its contrast with the background is only {ratio}:1."
           label "WCAG AA needs 4.5:1"
           hint "Choose a darker shade, for example accent = \"{darker}\". The colour is used for links, buttons and the current page.";
    /// A font list with a character that could break the stylesheet.
    KV0807 FontCharacter { character }
        sv "Listan med typsnitt kan inte innehålla `{character}`."
           hint "Skriv typsnittens namn med kommatecken emellan, till exempel font = \"Inter, system-ui, sans-serif\"."
        en "The list of fonts cannot contain `{character}`."
           hint "Write the fonts' names separated by commas, for example font = \"Inter, system-ui, sans-serif\".";
    /// A logo without `logo-alt`.
    KV0808 LogoNoText
        sv "Logotypen behöver en text."
           hint "Lägg till logo-alt = \"Organisationens namn\". Skärmläsare läser texten i stället för bilden."
        en "The logo needs a text."
           hint "Add logo-alt = \"The organisation's name\". Screen readers read the text instead of the image.";
    /// A logo file that does not exist.
    KV0809 LogoMissing { name }
        sv "Logotypen `{name}` finns inte."
           hint "Sökvägen räknas från mappen med filen som nämner logotypen."
        en "The logo `{name}` does not exist."
           hint "The path starts at the folder of the file that names the logo.";
    /// A logo outside its folder.
    KV0810 LogoOutside { name }
        sv "Logotypen `{name}` ligger utanför sin mapp."
           hint "Kopiera logotypen till kursmappen eller temamappen."
        en "The logo `{name}` is outside its folder."
           hint "Copy the logo into the course folder or the theme folder.";
    /// A logo that is no image a browser shows.
    KV0811 LogoNotImage { name }
        sv "Logotypen `{name}` är inte en bild som en webbläsare kan visa."
           hint "Använd en SVG-, PNG-, JPEG-, WebP- eller GIF-fil."
        en "The logo `{name}` is not an image a browser can show."
           hint "Use an SVG, PNG, JPEG, WebP or GIF file.";
    /// A template in another encoding than UTF-8.
    KV0812 TemplateNotUtf8 { name }
        sv "Mallen `{name}` är inte sparad som UTF-8."
           hint "Spara mallen som UTF-8, eller ta bort den."
        en "The template `{name}` is not saved as UTF-8."
           hint "Save the template as UTF-8, or remove it.";
    /// A template that cannot be opened.
    KV0813 TemplateUnreadable { name }
        sv "Kursverk får inte öppna mallen `{name}`."
           hint "Kontrollera att du har behörighet att läsa filen, eller ta bort den."
        en "Kursverk cannot open the template `{name}`."
           hint "Check that you may read the file, or remove it.";
    /// A template that replaces nothing.
    KV0814 TemplateUnknown { name, parts }
        sv "Mallen `{name}` ersätter ingen del av sidan."
           hint "De delar ett tema kan ersätta är: {parts}."
        en "The template `{name}` replaces no part of the page."
           hint "The parts a theme can replace are: {parts}.";
    /// A template Tera cannot compile.
    KV0815 TemplateInvalid { name, detail }
        sv "Mallen `{name}` går inte att använda."
           hint "Rätta mallen ({detail}), eller ta bort den så används Kursverks egen."
        en "The template `{name}` cannot be used."
           hint "Correct the template ({detail}), or remove it and Kursverk's own is used.";
}

kursverk_player::catalogue! {
    /// The words the command line says around the messages.
    pub enum Say;

    /// A problem that stops the build.
    Error = "error" { sv: "fel", en: "error" }
    /// A problem that does not.
    Warning = "warning" { sv: "varning", en: "warning" }
    /// Before what to do.
    Hint = "hint" { sv: "gör så här", en: "what to do" }
    /// After ten problems of one kind.
    MoreLikeThis = "more_like_this" {
        sv: "{count} problem till av samma slag ({code}) visas inte. Rätta dem ovan och kontrollera igen.",
        en: "{count} more problems of the same kind ({code}) are not shown. Fix the ones above and check again.",
    }
    /// The closing line of `check` and `build`.
    Summary = "summary" {
        sv: "{course}: fel: {errors}, varningar: {warnings}",
        en: "{course}: errors: {errors}, warnings: {warnings}",
    }
    /// `build` stopped by errors.
    NotBuilt = "not_built" {
        sv: "{course} byggdes inte: rätta felen ovan och bygg igen.",
        en: "{course} was not built: fix the errors above and build again.",
    }
    /// A file written by `build`.
    Wrote = "wrote" { sv: "skrev {path}", en: "wrote {path}" }
    /// A course folder that is not there.
    NoFolder = "no_folder" {
        sv: "Mappen {folder} finns inte. Skriv sökvägen till kursmappen (den som har course.toml).",
        en: "There is no folder {folder}. Give the path of the course folder (the one with course.toml).",
    }
    /// `new` into a folder with files.
    NotEmpty = "not_empty" {
        sv: "Mappen {folder} har redan filer. Välj ett nytt mappnamn, så skrivs ingenting över.",
        en: "The folder {folder} already holds files. Choose a new folder name, so nothing is overwritten.",
    }
    /// `serve` is running.
    Serving = "serving" {
        sv: "Kursverk Studio: öppna {url} i webbläsaren. Tryck Ctrl-C för att stänga den.",
        en: "Kursverk Studio: open {url} in your web browser. Press Ctrl-C to stop it.",
    }
    /// `kursverk studio` wrote the static Studio.
    StudioWritten = "studio_written" {
        sv: "Studion finns nu i {dir}. Öppna {dir}/index.html i en webbläsare. Den behöver ingen installation och inget nätverk.",
        en: "The Studio is now in {dir}. Open {dir}/index.html in a web browser. It needs no installation and no network.",
    }
    /// `serve` after each save.
    Rebuilt = "rebuilt" {
        sv: "Ändring sparad, byggd på {ms} ms: fel: {errors}, varningar: {warnings}.",
        en: "Change saved, built in {ms} ms: errors: {errors}, warnings: {warnings}.",
    }
    /// `serve --port N` with N taken.
    PortBusy = "port_busy" {
        sv: "Porten {port} används redan, kanske av en annan Studio. Välj en annan med --port, eller utelämna --port så väljs en ledig.",
        en: "Port {port} is already in use, perhaps by another Studio. Choose another with --port, or leave --port out and a free one is taken.",
    }
    /// A file to inspect that is not there.
    NoFile = "no_file" {
        sv: "Filen {file} finns inte, eller går inte att läsa.",
        en: "There is no file {file}, or it cannot be read.",
    }
    /// `check --pages` with errors.
    PagesLater = "pages_later" {
        sv: "Listan över sidor kommer när felen är rättade.",
        en: "The list of pages comes once the errors are fixed.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANGUAGES: [Language; 2] = [Language::Sv, Language::En];

    fn placeholders(text: &str) -> Vec<&str> {
        let mut out: Vec<&str> =
            text.split('{').skip(1).filter_map(|s| s.split_once('}')).map(|(n, _)| n).collect();
        out.retain(|n| n.chars().all(|c| c.is_ascii_lowercase()) && !n.is_empty());
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut codes: Vec<&str> = M::examples().iter().map(M::code).collect();
        for code in &codes {
            assert!(code.len() == 6 && code.starts_with("KV"), "{code}");
            assert!(code[2..].chars().all(|c| c.is_ascii_digit()), "{code}");
        }
        let n = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), n, "two messages share a code");
    }

    /// Every value a message has is said in every language, and no text
    /// asks for a value the message does not have.
    #[test]
    fn every_language_uses_every_value() {
        for m in M::examples() {
            let mut values: Vec<&str> = m.values().iter().map(|(k, _)| *k).collect();
            values.sort_unstable();
            for l in LANGUAGES {
                let w = m.words(l);
                let texts = [Some(w.message), w.label, w.hint, w.also];
                let mut used: Vec<&str> =
                    texts.iter().flatten().flat_map(|t| placeholders(t)).collect();
                used.sort_unstable();
                used.dedup();
                // `{#id}` in a hint is Markdown, not a value.
                assert_eq!(used, values, "{} in {l:?}", m.code());
                assert!(!w.message.is_empty());
            }
            let (sv, en) = (m.words(Language::Sv), m.words(Language::En));
            assert_eq!(
                (sv.label.is_some(), sv.hint.is_some(), sv.also.is_some()),
                (en.label.is_some(), en.hint.is_some(), en.also.is_some()),
                "{} has different parts in Swedish and English",
                m.code()
            );
            assert!(sv.hint.is_some(), "{} does not say what to do", m.code());
        }
    }

    /// The words of the tools underneath never reach an author.
    #[test]
    fn no_message_uses_tool_words() {
        const BANNED: &[&str] = &[
            "i64",
            "u32",
            "f64",
            "literal string",
            "stream",
            "serde",
            "toml",
            "expected one of",
            "invalid type",
            "invalid utf-8",
            "byte",
            "unicode",
            "parse",
            "panic",
            "struct",
            "enum",
            "syntax",
            "token",
            "deserialize",
            "deserialization",
            "utf-8 error",
            "os error",
            "sequence",
        ];
        for m in M::examples() {
            for l in LANGUAGES {
                let w = m.words(l);
                for text in [Some(w.message), w.label, w.hint, w.also].into_iter().flatten() {
                    // File names are the author's words, not the tool's.
                    let text = text
                        .to_lowercase()
                        .replace("course.toml", "")
                        .replace("theme.toml", "")
                        .replace("kursverk.toml", "");
                    let words: Vec<&str> =
                        text.split(|c: char| !c.is_alphanumeric() && c != '-').collect();
                    for banned in BANNED {
                        let hit = if banned.contains(' ') {
                            text.contains(banned)
                        } else {
                            words.contains(banned)
                        };
                        assert!(!hit, "{} in {l:?} says `{banned}`: {text}", m.code());
                    }
                }
            }
        }
    }
}
