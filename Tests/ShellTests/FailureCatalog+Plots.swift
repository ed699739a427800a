// The failure catalogue, plots and heatmaps: flags mistyped, missing their value or given
// the wrong kind of one, x values that do not cover a series (issue #20).

extension FailureCatalog {
    static let plots: [BadInput] = [
        BadInput(#"heatmap x --lables words"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#, #"words = ["a", "b"]"#],
                 #"""
                 heatmap has no option --lables; did you mean --labels? (options: --labels EXPR, --xlabels EXPR, --values, --min N, --max N, --save FILE)
                 """#),
        BadInput(#"heatmap x --min"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 --min takes a number, e.g. --min 0
                 """#),
        BadInput(#"heatmap x --max 'high'"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 --max takes a number, e.g. --max 0; `'high'` is a str
                 """#),
        BadInput(#"heatmap x --min 1 --max 1"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 --min must be below --max (got 1.0 and 1.0)
                 """#),
        BadInput(#"heatmap x --xlabels 3"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 --xlabels takes a list of strings, e.g. --xlabels tokens; `3` is an int
                 """#),
        BadInput(#"plot [1, 2, 3] --x"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 --x takes the x values, e.g. plot y_gelu y_relu --x x
                 """#),
        BadInput(#"plot [1, 2, 3] --x [1, 2]"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 --x [1, 2] has 2 values, fewer than the 3 of [1, 2, 3]
                 """#),
        BadInput(#"plot x --x [1]"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 plot draws 1-D series; x has shape [2, 3]
                 """#),
        BadInput(#"plot [1, 2] --logy --logz"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 plot has no option --logz; did you mean --logx? (options: --x X, --logx, --logy, --save FILE)
                 """#),
    ]
}
