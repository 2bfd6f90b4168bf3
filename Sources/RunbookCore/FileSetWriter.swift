import Foundation

/// A file system failure, said in one line: `cannot write generated/x.sh: Permission denied`.
public struct FileSystemError: Error, CustomStringConvertible, Sendable {
    public var action: String
    public var path: String
    public var reason: String

    public init(_ action: String, _ path: String, errno code: Int32) {
        self.action = action
        self.path = path
        self.reason = String(cString: strerror(code))
    }

    public init(_ action: String, _ path: String, reason: String) {
        self.action = action
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot \(action) \(path): \(reason)" }
}

/// Writes several files as one change: each to a temporary file beside its
/// target first; only when all are written are they renamed over their
/// targets, and a rename that fails puts back the ones done before it. On any
/// failure the folder is as before, byte for byte, and no temporary is left.
public enum FileSetWriter {
    public struct File: Sendable {
        public var path: String
        public var contents: String
        public var executable: Bool

        public init(path: String, contents: String, executable: Bool) {
            self.path = path
            self.contents = contents
            self.executable = executable
        }
    }

    public static func write(_ files: [File]) throws(FileSystemError) {
        var staged: [(file: File, temporary: String)] = []
        do {
            for file in files { staged.append((file, try stage(file))) }
        } catch {
            for item in staged { unlink(item.temporary) }
            throw error
        }
        // Renames, each target's old file kept aside until all are in place.
        var done: [(target: String, aside: String?)] = []
        for item in staged {
            let target = item.file.path
            let aside = target + ".runbook-old.\(getpid())"
            let hadOld = access(target, F_OK) == 0
            if hadOld, link(target, aside) != 0 {
                let code = errno
                undo(done, remaining: staged.map(\.temporary))
                throw FileSystemError("write", target, errno: code)
            }
            if rename(item.temporary, target) != 0 {
                let code = errno
                if hadOld, access(target, F_OK) != 0 { rename(aside, target) } else if hadOld { unlink(aside) }
                undo(done, remaining: staged.map(\.temporary))
                throw FileSystemError("write", target, errno: code)
            }
            done.append((target, hadOld ? aside : nil))
        }
        for item in done { if let aside = item.aside { unlink(aside) } }
    }

    /// The file's bytes in a temporary file beside it, with its mode.
    static func stage(_ file: File) throws(FileSystemError) -> String {
        let directory = (file.path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), !isFolder.boolValue {
                throw FileSystemError("write", file.path, reason: "\(directory) is a file, not a folder")
            }
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw FileSystemError("create", directory, reason: (error as NSError).localizedFailureReason ?? "the folder cannot be created")
            }
        }
        // Only a file is replaced: a folder or a device where an output goes is a failure, found before anything moves.
        var status = stat()
        if lstat(file.path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            throw status.st_mode & S_IFMT == S_IFDIR ? FileSystemError("write", file.path, errno: EISDIR)
                : FileSystemError("write", file.path, reason: "it is not a regular file")
        }
        let name = (file.path as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, file.executable ? 0o755 : 0o644)
        guard descriptor >= 0 else { throw FileSystemError("write", file.path, errno: errno) }
        defer { close(descriptor) }
        let bytes = Array(file.contents.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else {
                let code = errno
                unlink(temporary)
                throw FileSystemError("write", file.path, errno: count == 0 ? ENOSPC : code)
            }
            offset += count
        }
        // The mode asked for, whatever the umask took away.
        guard fchmod(descriptor, file.executable ? 0o755 : 0o644) == 0, fsync(descriptor) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileSystemError("write", file.path, errno: code)
        }
        return temporary
    }

    /// Puts back the targets renamed so far and drops every temporary left.
    private static func undo(_ done: [(target: String, aside: String?)], remaining: [String]) {
        for item in done.reversed() {
            if let aside = item.aside { rename(aside, item.target) } else { unlink(item.target) }
        }
        for temporary in remaining { unlink(temporary) }
    }
}
