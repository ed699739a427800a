// A build-tool plugin: packs the package's Swift and C sources into one text file, a
// resource of the Shell, so `source softmax` shows the real code from any folder.

import Foundation
import PackagePlugin

@main
struct SourceArchive: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let files = context.package.targets
            .compactMap { $0 as? SourceModuleTarget }
            .filter { $0.kind != .test }
            .flatMap { module in ["swift", "c", "h"].flatMap { module.sourceFiles(withSuffix: $0).map(\.url) } }
            .sorted { $0.path < $1.path }
        let archive = context.pluginWorkDirectoryURL.appendingPathComponent("SourceArchive.txt")
        // One record a file: U+001E, the path from the package folder, a newline, the text, a newline.
        let script = #"root="$1"; shift; for f in "$@"; do printf '\036%s\n' "${f#"$root"/}"; cat "$f"; printf '\n'; done > "$ARCHIVE""#
        return [.buildCommand(
            displayName: "Packing the sources for `source NAME`",
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: ["-c", script, "sh", context.package.directoryURL.path] + files.map(\.path),
            environment: ["ARCHIVE": archive.path],
            inputFiles: files,
            outputFiles: [archive])]
    }
}
