// The safetensors file format: read and write named tensors exactly as the
// `safetensors` package does, so real checkpoints (GPT-2's) load. Lesson 07.
//
// Layout: 8-byte little-endian header length N, N bytes of JSON
// {"__metadata__": {...}, "name": {"dtype": "F32", "shape": [..], "data_offsets": [b, e]}, ...}
// padded with spaces to a multiple of 8, then the raw little-endian data.

import Foundation
import Tensor

/// A problem with a safetensors file, naming the file and what is wrong.
public struct SafetensorsError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): not a valid safetensors file: \(reason)" }
}

public enum Safetensors {
    /// The element types we read, with their size in bytes; wider or narrower floats
    /// become float32 and integers int64, as the lessons use them.
    static let itemSizes: [String: Int] = [
        "F32": 4, "F16": 2, "BF16": 2, "F64": 8, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1,
    ]

    /// `safetensors.torch.load_file(path)`: every tensor in the file, in file order.
    public static func load(path: String) throws -> [(name: String, tensor: Tensor)] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw SafetensorsError(path: path, reason: "cannot read the file (\(error.localizedDescription))")
        }
        return try decode(data, path: path)
    }

    /// Decodes a whole file held in memory; `path` only names it in errors.
    public static func decode(_ data: Data, path: String = "<memory>") throws -> [(name: String, tensor: Tensor)] {
        func fail(_ reason: String) -> SafetensorsError { SafetensorsError(path: path, reason: reason) }
        guard data.count >= 8 else { throw fail("the file is \(data.count) bytes, too short for a header") }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(data.count - 8), headerLength < 100_000_000 else {
            throw fail("the header claims \(headerLength) bytes but the file has \(data.count - 8) after the length")
        }
        let headerStart = data.startIndex + 8
        let headerData = data[headerStart..<headerStart + Int(headerLength)]
        guard let header = (try? JSONSerialization.jsonObject(with: headerData)) as? [String: Any] else {
            throw fail("the header is not a JSON object")
        }
        let dataStart = headerStart + Int(headerLength)
        let dataLength = data.count - 8 - Int(headerLength)
        var entries: [(name: String, begin: Int, tensor: Tensor)] = []
        for (name, value) in header where name != "__metadata__" {
            guard let info = value as? [String: Any],
                  let dtype = info["dtype"] as? String,
                  let shape = (info["shape"] as? [Any])?.compactMap(wholeNumber),
                  let offsets = (info["data_offsets"] as? [Any])?.compactMap(wholeNumber),
                  offsets.count == 2, shape.count == (info["shape"] as? [Any])?.count
            else { throw fail("the entry for '\(name)' lacks dtype, shape or data_offsets") }
            guard let itemSize = itemSizes[dtype] else { throw fail("'\(name)' has dtype \(dtype), which is not supported") }
            guard shape.allSatisfy({ $0 >= 0 }) else { throw fail("'\(name)' has a negative dimension in \(shape)") }
            // As the safetensors library: a checked product, left to right, so `[0, 2**62, 2**62]`
            // is an empty tensor and `[2**62, 2**62, 0]` is refused.
            var count = 1, overflow = false
            for d in shape where !overflow { (count, overflow) = count.multipliedReportingOverflow(by: d) }
            let (byteCount, bytesOverflow) = count.multipliedReportingOverflow(by: itemSize)
            guard !overflow, !bytesOverflow else {
                throw fail("'\(name)' has shape \(shape): overflow computing buffer size from shape and/or element type")
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, begin <= end, end <= dataLength else {
                throw fail("'\(name)' spans bytes \(begin)..<\(end), past the \(dataLength) bytes of data")
            }
            guard end - begin == byteCount else {
                throw fail("'\(name)' has \(end - begin) bytes but shape \(shape) of \(dtype) needs \(byteCount)")
            }
            let bytes = data[(dataStart + begin)..<(dataStart + end)]
            entries.append((name, begin, try makeTensor(bytes, dtype: dtype, shape: shape, count: count)))
        }
        return entries.sorted { ($0.begin, $0.name) < ($1.begin, $1.name) }.map { ($0.name, $0.tensor) }
    }

    /// A JSON number that is a whole number an Int holds (sizes and offsets), else nil.
    private static func wholeNumber(_ value: Any) -> Int? {
        guard let n = value as? NSNumber else { return nil }
        let d = n.doubleValue
        guard d.rounded() == d, d > -0x1p63, d < 0x1p63 else { return nil }
        return Int(n.int64Value)
    }

    /// Builds a tensor from little-endian bytes of a safetensors dtype.
    private static func makeTensor(_ bytes: Data, dtype: String, shape: [Int], count: Int) throws -> Tensor {
        let isFloat = dtype.hasPrefix("F") || dtype == "BF16"
        let type: DType = dtype == "BOOL" ? .bool : isFloat ? .float32 : .int64
        // An empty tensor is a view, as the library's reshape makes it: `[0, 2**62, 2**62]` loads.
        if count == 0 { return try Tensor(zeros: [0], dtype: type).reshape(shape) }
        let out = try Tensor(zeros: shape, dtype: type)
        bytes.withUnsafeBytes { raw in
            switch dtype {
            case "F32":
                let d = out.floatPointer
                for i in 0..<count { d[i] = Float(bitPattern: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self).littleEndian) }
            case "F16":
                let d = out.floatPointer
                for i in 0..<count { d[i] = halfToFloat(raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self).littleEndian) }
            case "BF16":
                let d = out.floatPointer
                for i in 0..<count {
                    d[i] = Float(bitPattern: UInt32(raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self).littleEndian) << 16)
                }
            case "F64":
                let d = out.floatPointer
                for i in 0..<count { d[i] = Float(Double(bitPattern: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self).littleEndian)) }
            case "I64":
                let d = out.int64Pointer
                for i in 0..<count { d[i] = raw.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self).littleEndian }
            case "I32":
                let d = out.int64Pointer
                for i in 0..<count { d[i] = Int64(raw.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self).littleEndian) }
            case "I16":
                let d = out.int64Pointer
                for i in 0..<count { d[i] = Int64(raw.loadUnaligned(fromByteOffset: 2 * i, as: Int16.self).littleEndian) }
            case "I8":
                let d = out.int64Pointer
                for i in 0..<count { d[i] = Int64(raw.load(fromByteOffset: i, as: Int8.self)) }
            case "U8":
                let d = out.int64Pointer
                for i in 0..<count { d[i] = Int64(raw.load(fromByteOffset: i, as: UInt8.self)) }
            default: // BOOL
                let d = out.boolPointer
                for i in 0..<count { d[i] = raw.load(fromByteOffset: i, as: UInt8.self) != 0 ? 1 : 0 }
            }
        }
        return out
    }

    /// IEEE half → single, exactly (subnormals, inf and NaN included).
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exponent = Int(h >> 10) & 0x1F
        let mantissa = UInt32(h & 0x3FF)
        if exponent == 0 {
            let value = Float(mantissa) * Float(sign == 0 ? 1 : -1) * 0x1p-24
            return value
        }
        if exponent == 31 { return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13)) }
        return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
    }

    /// `safetensors.torch.save_file(tensors, path, metadata)`: the same bytes the
    /// Python package writes (data ordered by dtype, then name; header padded to 8).
    public static func encode(_ tensors: [(name: String, tensor: Tensor)], metadata: [String: String]? = nil) throws -> Data {
        // safetensors orders by dtype, widest-ranked first (I64 > F64 > F32 > BOOL), then by name.
        func rank(_ t: Tensor) -> Int { t.dtype == .int64 ? 3 : t.dtype == .float64 ? 2 : t.dtype == .float32 ? 1 : 0 }
        let ordered = tensors.sorted { (rank($0.tensor), $1.name) > (rank($1.tensor), $0.name) }
        var header = "{"
        var parts: [String] = []
        if let metadata, !metadata.isEmpty {
            let items = metadata.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)):\(jsonString($0.value))" }
            parts.append("\"__metadata__\":{\(items.joined(separator: ","))}")
        }
        var offset = 0
        var body = Data()
        for (name, tensor) in ordered {
            let t = try tensor.contiguousData()
            let dtype = t.dtype == .float32 ? "F32" : t.dtype == .int64 ? "I64" : t.dtype == .float64 ? "F64" : "BOOL"
            let byteCount = t.count * t.dtype.itemSize
            parts.append("\(jsonString(name)):{\"dtype\":\"\(dtype)\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + byteCount)]}")
            body.append(Data(bytes: t.storage.pointer + t.offset * t.dtype.itemSize, count: byteCount))
            offset += byteCount
        }
        header += parts.joined(separator: ",") + "}"
        var headerBytes = Data(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
        var out = Data()
        var length = UInt64(headerBytes.count).littleEndian
        withUnsafeBytes(of: &length) { out.append(contentsOf: $0) }
        out.append(headerBytes)
        out.append(body)
        return out
    }

    /// Writes `encode(...)` to `path`, atomically (`writeAtomically`).
    public static func save(_ tensors: [(name: String, tensor: Tensor)], path: String, metadata: [String: String]? = nil) throws {
        let data = try encode(tensors, metadata: metadata)
        do { try writeAtomically(data, to: path) } catch let e as FileWriteError {
            throw SafetensorsError(path: path, reason: "cannot write the file (\(e.message))")
        }
    }

    /// A failed write: the system's error number, and the file it was writing.
    public struct FileWriteError: Error {
        public let code: Int32
        /// The temporary file (the error was writing it) or `path` itself (renaming onto it).
        public let path: String
        public var message: String { String(cString: strerror(code)) }
    }

    /// Writes `data` to a new temporary file beside `path`, syncs it to disk and renames it
    /// over `path`, as safetensors does: a save that fails or is killed leaves the previous
    /// file as it was. The new file keeps the old one's permissions (or 0666 less umask).
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/.tmpXXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard fd >= 0 else { throw FileWriteError(code: errno, path: temporary) }
        var renamed = false
        defer {
            close(fd)
            if !renamed { unlink(temporary) }
        }
        var info = stat()
        if stat(path, &info) == 0 {
            fchmod(fd, info.st_mode & 0o7777)
        } else {
            let mask = umask(0)
            umask(mask)
            fchmod(fd, 0o666 & ~mask)
        }
        var written = 0
        while written < data.count {
            let n = data.withUnsafeBytes { buffer in buffer.baseAddress.map { write(fd, $0 + written, buffer.count - written) } ?? 0 }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(code: errno, path: temporary)
            }
            written += n
        }
        guard fsync(fd) == 0 else { throw FileWriteError(code: errno, path: temporary) }
        guard rename(temporary, path) == 0 else { throw FileWriteError(code: errno, path: path) }
        renamed = true
    }

    private static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
