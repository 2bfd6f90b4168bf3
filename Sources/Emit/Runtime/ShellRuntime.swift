/// The runtime every generated script carries, in the order the parts are
/// emitted. It is fixed text, the `.bash` files beside this one, embedded at
/// build time; everything procedure-specific comes before it as data
/// (`ShellEmitter.data`) and after it as step functions.
enum ShellRuntime {
    static let parts: [[UInt8]] = [
        PackageResources.options_bash, PackageResources.preflight_bash, PackageResources.journal_bash,
        PackageResources.session_bash,
        PackageResources.execution_bash, PackageResources.files_bash, PackageResources.conditions_bash, PackageResources.rollback_bash,
        PackageResources.faults_bash, PackageResources.report_bash,
        PackageResources.main_bash,
    ]

    /// Each file ends in a newline; the parts are joined by one.
    static let text: String = parts.map { part in
        var text = String(decoding: part, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }.joined(separator: "\n")
}
