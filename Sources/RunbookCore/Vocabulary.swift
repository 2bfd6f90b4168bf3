/// The words of the languages procedure pages are written in (French and
/// English so far) that rules look for, kept out of the rules themselves.
public enum Vocabulary {
    /// A step that speaks of a backup, a dump or a snapshot (lint RB104, RB105).
    public static let backupPattern = #"backup|back up|sauvegard|\bdump|pg_dump|snapshot"#

    /// Verbs a procedure's instructions start with, in the imperative (English)
    /// or the infinitive French pages use for it: a prose section whose title
    /// or text starts with one asks the operator to do something (a manual
    /// step); one that does not only informs (a notice, shown, not confirmed).
    public static let instructionVerbs: Set<String> = [
        "add", "apply", "ask", "back", "change", "check", "choose", "clean", "click", "close", "configure", "confirm", "connect",
        "copy", "create", "decide", "delete", "disable", "do", "download", "drain", "edit", "enable", "ensure", "enter", "export",
        "fill", "follow", "get", "go", "grant", "inform", "install", "launch", "log", "login", "make", "migrate", "move",
        "navigate", "notify", "open", "perform", "post", "prepare", "purchase", "put", "read", "reboot", "record", "register",
        "reload", "remove", "repeat", "replace", "restart", "restore", "resume", "review", "run", "save", "schedule", "select",
        "send", "set", "setup", "shut", "start", "stop", "switch", "take", "tell", "test", "update", "upgrade", "upload", "use",
        "verify", "visit", "wait", "warn", "write",
        "activer", "ajouter", "arrêter", "avertir", "choisir", "configurer", "copier", "créer", "désactiver", "éditer",
        "effectuer", "envoyer", "faire", "informer", "installer", "lancer", "mettre", "modifier", "prévenir", "redémarrer",
        "relancer", "remplacer", "sauvegarder", "supprimer", "télécharger", "vérifier",
    ]

    /// Phrases that ask the operator to act, wherever they stand in the prose.
    public static let instructionPattern = #"(?i)\byou (?:must|should|need to|have to|will need to)\b|\bmake sure\b|\bil faut\b|\bvous devez\b"#
}
