// The failure catalogue, pictures saved to files (issue #17): `--save` without a file, with
// an extension that names no format, into a folder that is missing or outside the sandbox,
// a matrix too large to save, and a plot with nothing to draw.

extension FailureCatalog {
    static let export: [BadInput] = [
        BadInput(#"heatmap x --save x.jpg"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 --save takes a file ending in .svg, .png or .pdf, e.g. --save attention.svg; got x.jpg
                 """#),
        BadInput(#"plot [1, 2] --save losses"#, after: [#"import torch"#],
                 #"""
                 --save takes a file ending in .svg, .png or .pdf, e.g. --save losses.svg; got losses
                 """#),
        BadInput(#"heatmap x --save"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 --save takes a file ending in .svg, .png or .pdf, e.g. --save attention.svg
                 """#),
        BadInput(#"plot [1, 2] --save"#, after: [#"import torch"#],
                 #"""
                 --save takes a file ending in .svg, .png or .pdf, e.g. --save losses.svg
                 """#),
        BadInput("heatmap x --save \(CatalogueFiles.folder)/no-such-folder/x.svg", after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 """
                 cannot save to \(CatalogueFiles.folder)/no-such-folder/x.svg: there is no folder \(CatalogueFiles.folder)/no-such-folder
                 """),
        BadInput(#"heatmap x --save /etc/llmwb-picture.svg"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 cannot save to /etc/llmwb-picture.svg: /etc/llmwb-picture.svg is outside the sandbox (the workbench writes only in its folder and its cache and state); allow its folder with `allow-path /etc`
                 """#),
        BadInput(#"plot [3, 1] --save /etc/llmwb-plot.pdf"#, after: [#"import torch"#],
                 #"""
                 cannot save to /etc/llmwb-plot.pdf: /etc/llmwb-plot.pdf is outside the sandbox (the workbench writes only in its folder and its cache and state); allow its folder with `allow-path /etc`
                 """#),
        BadInput("heatmap torch.zeros(1, 3000) --save \(CatalogueFiles.folder)/wide.png", after: [#"import torch"#],
                 """
                 torch.zeros(1, 3000) has 1×3000 cells, too many to save as PNG (at most 2048 a side); save a slice, e.g. heatmap torch.zeros(1, 3000)[:1, :2048] --save FILE
                 """),
        BadInput("heatmap torch.zeros(600, 600) --save \(CatalogueFiles.folder)/big.svg", after: [#"import torch"#],
                 """
                 torch.zeros(600, 600) has 600×600 cells, too many to save as SVG (at most 262144 cells; a PNG takes up to 2048 a side); save a slice, e.g. heatmap torch.zeros(600, 600)[:512, :512] --save FILE
                 """),
        BadInput("plot [float('nan')] --save \(CatalogueFiles.folder)/nan.svg", after: [#"import torch"#],
                 """
                 (nothing to plot: no finite values)
                 nothing to save: [float('nan')] has no finite values to plot
                 """),
        BadInput("heatmap x --save \(CatalogueFiles.folder)/adir", after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 """
                 --save takes a file ending in .svg, .png or .pdf, e.g. --save attention.svg; got \(CatalogueFiles.folder)/adir
                 """),
    ]
}
