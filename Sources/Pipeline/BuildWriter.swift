import Emit
import Foundation
import RunbookCore

/// Writes a successful build, all or nothing: every changed output to a
/// temporary file beside it, then all renamed into place (FileSetWriter); on
/// any failure the output folder is as it was. Then the outputs of procedures
/// whose doc is gone are removed. Called only when there were no errors.
public enum BuildWriter {
    public static func write(_ procedures: [CompiledProcedure], compiler: ProcedureCompiler) throws(FileSystemError) -> (written: [String], removed: [String]) {
        var changed: [FileSetWriter.File] = []
        for output in procedures.flatMap(\.outputs) {
            let path = (compiler.outDir as NSString).appendingPathComponent(output.path)
            if FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) == output.contents,
               FileManager.default.isExecutableFile(atPath: path) == output.executable {
                continue
            }
            changed.append(FileSetWriter.File(path: path, contents: output.contents, executable: output.executable))
        }
        try FileSetWriter.write(changed)
        let written = changed.map(\.path)
        let keep = Set(procedures.flatMap { $0.outputs.map(\.path) })
        var removed: [String] = []
        for manifestFile in compiler.existingManifests() where !keep.contains(manifestFile) {
            let manifestPath = (compiler.outDir as NSString).appendingPathComponent(manifestFile)
            guard let text = FileManager.default.contents(atPath: manifestPath).map({ String(decoding: $0, as: UTF8.self) }),
                  let manifest = try? ManifestReader.decode(text, path: manifestPath) else { continue }
            let name = String(manifestFile.dropLast(".manifest.json".count))
            for stale in [manifest.script.path, manifestFile, ProcedureCompiler.playbookPath(name)] {
                let path = (compiler.outDir as NSString).appendingPathComponent(stale)
                if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(path) }
            }
        }
        return (written, removed)
    }
}
