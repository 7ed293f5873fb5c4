#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small POSIX file helpers: read-only reads with real sizes, and atomic replacement on write.
enum FileIO {
    private static func errorText() -> String { String(cString: strerror(errno)) }

    /// Opens `path` read-only and returns the descriptor and the file's size.
    private static func openForReading(_ path: String) throws -> (Int32, Int) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CnnrtError.io(path: path, reason: "cannot open: \(errorText())") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = errorText()
            close(fd)
            throw CnnrtError.io(path: path, reason: "cannot stat: \(reason)")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw CnnrtError.io(path: path, reason: "not a regular file")
        }
        return (fd, Int(info.st_size))
    }

    /// The whole file. The file is opened read-only.
    static func read(_ path: String) throws -> [UInt8] {
        let (fd, size) = try openForReading(path)
        defer { close(fd) }
        return try readRange(fd: fd, path: path, offset: 0, count: size)
    }

    /// The whole file in a tensor buffer (large files land in huge pages: see `TensorMemory`).
    static func readBuffer(_ path: String) throws -> TensorBuffer {
        let (fd, size) = try openForReading(path)
        defer { close(fd) }
        let buffer = TensorBuffer(uninitializedByteCount: size)
        try readRange(fd: fd, path: path, offset: 0, count: size, into: buffer.pointer)
        return buffer
    }

    /// `count` bytes at `offset`, refusing a range that does not lie inside the file.
    static func read(_ path: String, offset: Int, count: Int?) throws -> [UInt8] {
        let (fd, size) = try openForReading(path)
        defer { close(fd) }
        guard offset >= 0, offset <= size else {
            throw CnnrtError.io(path: path, reason: "offset \(offset) lies outside the file (\(size) bytes)")
        }
        let length = count ?? (size - offset)
        guard length >= 0, length <= size - offset else {
            throw CnnrtError.io(path: path,
                                reason: "range \(offset)+\(length) lies outside the file (\(size) bytes)")
        }
        return try readRange(fd: fd, path: path, offset: offset, count: length)
    }

    private static func readRange(fd: Int32, path: String, offset: Int, count: Int) throws -> [UInt8] {
        // Uninitialized: pread fills every byte (or the read fails), so no zero fill first.
        return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { try readRange(fd: fd, path: path, offset: offset, count: count, into: buffer.baseAddress!) }
            initialized = count
        }
    }

    private static func readRange(fd: Int32, path: String, offset: Int, count: Int,
                                  into destination: UnsafeMutableRawPointer) throws {
        var done = 0
        while done < count {
            let n = pread(fd, destination + done, count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw CnnrtError.io(path: path, reason: n == 0 ? "file ended early" : "read failed: \(errorText())")
            }
            done += n
        }
    }

    /// Writes `bytes` to a temporary file in the destination's folder, flushes it, then renames it over
    /// `path`, so readers see the old file or the new one and a failure leaves the old file untouched.
    static func writeAtomically(_ path: String, _ write: (Int32) throws -> Void) throws {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array("\(folder(of: path))/.\(base).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw CnnrtError.io(path: path, reason: "cannot create a temporary file: \(errorText())") }
        let temporary = String(cString: template)
        var committed = false
        defer {
            if !committed { unlink(temporary) }
        }
        do {
            try write(fd)
            // mkstemp creates 0600; give the file the permissions a plain create would.
            let mask = umask(0)
            umask(mask)
            fchmod(fd, 0o666 & ~mask)
            guard fsync(fd) == 0 else { throw CnnrtError.io(path: path, reason: "cannot flush: \(errorText())") }
        } catch {
            close(fd)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            throw CnnrtError.io(path: path, reason: "cannot replace the file: \(errorText())")
        }
        committed = true
    }

    /// Writes all of `bytes` to `fd`.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw CnnrtError.io(path: path, reason: "write failed: \(errorText())") }
            done += n
        }
    }

    /// The canonical absolute path of an existing file or folder, with links resolved.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
