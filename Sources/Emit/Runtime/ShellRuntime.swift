/// The runtime every generated script carries, in the order the parts are
/// emitted. It is fixed text; everything procedure-specific comes before it
/// as data (`ShellEmitter.data`) and after it as step functions.
enum ShellRuntime {
    static var text: String {
        [RuntimeOptions.text, RuntimePreflight.text, RuntimeJournal.text, RuntimeExecution.text,
         RuntimeConditions.text, RuntimeRollback.text, RuntimeMain.text].joined(separator: "\n")
    }
}
