/// The fields a command (or a file a step writes) is declared with across the boundary between the
/// generated script and its runtime: `rb_command interpreter=bash at=doc.md:12
/// session=0 <<'TEXT'`. The runtime reads them by name in one function,
/// `rb_declare` (Runtime/execution.bash), whose list `RB_FIELDS` a test holds
/// to this one. Fields left out are empty (`session`: 0).
public enum RuntimeField: String, CaseIterable, Sendable {
    /// The program the text goes to (bash, sh, psql, mysql, python).
    case interpreter
    /// Where the page has it, `doc:line`: every message names it.
    case at
    /// The value its output becomes (capture=).
    case capture
    /// The folder it runs in (cwd=), `$NAME` for a parameter's value.
    case cwd
    /// The user it runs as (`sudo -u`, `su -`).
    case user
    /// The text its output must hold (expect=).
    case expect
    /// The environment it runs in after the page's `poetry shell`: poetry or pipenv.
    case environment
    /// The parameters its text names, for the dry run's `(with NAME=…)`.
    case names
    /// The page's terminal it is typed in (0: the script's own shell).
    case session
    /// l: a login shell; t: it may change the folder or variables; T: it needs the operator's terminal.
    case flags
    /// The client it is typed into and its options, one per line (`sudo -u postgres psql`).
    case client
    /// As whom, in which folder and client the page types it, for the dry run.
    case `where`
    /// A file's: write, merge or append (`rb_file`).
    case mode
    /// A file's path, with its parameters' placeholders as markers.
    case path
    /// A file's step number and its number among the step's files: the name
    /// of the copy of the file as it was, which the undo puts back.
    case step
    case file
}
