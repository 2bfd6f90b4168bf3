import Foundation

/// Writes one whole file so that a reader sees the old bytes or the new ones,
/// never half of either: FileSetWriter with a set of one.
public enum AtomicFileWriter {
    public static func write(_ contents: String, to path: String, executable: Bool = false) throws {
        try FileSetWriter.write([FileSetWriter.File(path: path, contents: contents, executable: executable)])
    }
}
