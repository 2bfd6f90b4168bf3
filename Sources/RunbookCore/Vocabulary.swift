/// The words of the languages procedure pages are written in (French and
/// English so far) that rules look for, kept out of the rules themselves.
public enum Vocabulary {
    /// A step that speaks of a backup, a dump or a snapshot (lint RB104, RB105).
    public static let backupPattern = #"backup|back up|sauvegard|\bdump|pg_dump|snapshot"#
}
