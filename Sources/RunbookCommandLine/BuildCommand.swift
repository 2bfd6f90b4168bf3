import ArgumentParser
import Foundation
import Pipeline

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Compile every doc under --docs into a script and a manifest under --out.",
        discussion: "Nothing is written when any doc has an error. Outputs are written atomically; outputs of docs that are gone are removed.")

    @OptionGroup var options: DocsOptions

    func run() throws {
        let compiler = try options.compiler()
        let (procedures, diagnostics) = compiler.compileAll()
        try DiagnosticPrinter.printAndExitOnError(diagnostics, showNotes: false)
        let written: [String], removed: [String]
        do {
            (written, removed) = try BuildWriter.write(procedures, compiler: compiler)
        } catch {
            // A file system failure, in one line; the output folder is as it was.
            FileHandle.standardError.write(Data("runbook: \(error)\n".utf8))
            throw ExitCode(2)
        }
        for path in written { print("wrote \(path)") }
        for path in removed { print("removed \(path)") }
        print("\(procedures.count) procedure(s) up to date in \(compiler.outDir)")
    }
}
