// `--save FILE` of the picture commands: the file checked before anything is drawn (its
// format from the extension, its folder, the sandbox), then the picture written atomically.

import Foundation
import NN
import Python

extension Workbench {
    /// Where `--save` writes, and in which format.
    struct SaveTarget {
        let given: String
        let path: String
        let format: Picture.Format
    }

    /// The target of `--save`, when given; throws the whole message for a file that cannot be written.
    /// `example` names a file in the message for one without a known extension.
    func saveTarget(_ arguments: CommandArguments, example: String) throws -> SaveTarget? {
        guard var given = arguments.value("--save") else { return nil }
        // `--save "my attention.svg"`: the quotes are not part of the name.
        if given.count >= 2, let q = given.first, q == "\"" || q == "'", given.last == q { given = String(given.dropFirst().dropLast()) }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? "~"
        let path = given == "~" || given.hasPrefix("~/") ? home + given.dropFirst() : given
        let ext = (path as NSString).pathExtension.lowercased()
        guard let format = Picture.Format(rawValue: ext) else {
            throw WorkbenchError("--save takes a file ending in .svg, .png or .pdf, e.g. --save \(example); got \(given)")
        }
        let full = Sandbox.resolve(path)
        let folder = (full as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw WorkbenchError("cannot save to \(given): there is no folder \(folder)")
        }
        guard Sandbox.permits(path, .write) else {
            throw WorkbenchError("cannot save to \(given): \(full) is outside the sandbox (the workbench writes only in its "
                                 + "folder and its cache and state); allow its folder with `allow-path \(folder)`")
        }
        if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), isFolder.boolValue {
            throw WorkbenchError("cannot save to \(given): it is a folder")
        }
        return SaveTarget(given: given, path: full, format: format)
    }

    /// Writes `picture` to the target and says so: `saved heatmap to attn.svg (412×260)`.
    func save(_ picture: Picture, of what: String, to target: SaveTarget) throws {
        let data: Data
        do { data = try picture.encoded(as: target.format) } catch let e as PNGWriter.EncodingError {
            throw WorkbenchError("cannot save to \(target.given): \(e.message)")
        }
        do { try Safetensors.writeAtomically(data, to: target.path) } catch let e as Safetensors.FileWriteError {
            throw WorkbenchError("cannot save to \(target.given): \(e.message)")
        }
        say("saved \(what) to \(target.given) (\(picture.width)×\(picture.height))")
    }
}
