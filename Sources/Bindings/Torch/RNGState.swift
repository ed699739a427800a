// `torch.get_rng_state()` / `torch.set_rng_state(state)` and `Generator.get_state()` /
// `set_state()`: PyTorch's 5056-byte CPU generator layout, so a saved state restores the
// exact stream. The bytes travel in an int64 tensor (the workbench has no uint8 dtype).
import Python
import Tensor

extension TorchBinding {
    static func stateTensor(_ g: Generator) throws -> Value {
        let bytes = g.getState().torchBytes
        return .tensor(try Tensor(int64s: bytes.map(Int64.init), shape: [bytes.count]))
    }

    static func restore(_ g: Generator, from value: Value) throws {
        guard let t = value.tensorValue, t.dtype == .int64 else { throw PyException.typeError("RNG state must be a torch.ByteTensor") }
        let values = t.int64Values()
        guard values.count == GeneratorState.torchByteCount else {
            throw PyException.runtimeError("Expected a CPUGeneratorImplState of size \(GeneratorState.torchByteCount) but found the input RNG state size to be \(values.count)")
        }
        guard let state = GeneratorState(torchBytes: values.map { UInt8(truncatingIfNeeded: $0) }) else {
            throw PyException.runtimeError("Invalid mt19937 state")
        }
        try g.setState(state)
    }

    /// `torch.default_generator`: the global stream every unseeded draw uses.
    static var defaultGenerator: GeneratorObject { GeneratorObject.global }

    static func installRNGState(_ m: NativeModule) {
        m.add("default_generator", .object(defaultGenerator))
        m.addFunction("get_rng_state") { _ in try stateTensor(.default) }
        m.addFunction("set_rng_state", signature: "new_state") { args in
            try restore(.default, from: args["new_state"])
            return .none
        }
        generatorClass.addMethod("get_state") { this, _ in
            guard let g = this.asObject as? GeneratorObject else { throw PyException.typeError("expected a torch.Generator") }
            return try stateTensor(g.generator)
        }
        generatorClass.addMethod("set_state", signature: "new_state") { this, args in
            guard let g = this.asObject as? GeneratorObject else { throw PyException.typeError("expected a torch.Generator") }
            try restore(g.generator, from: args["new_state"])
            return this
        }
        // `torch.random`: the same seeding functions under their module's name.
        let random = NativeModule(name: "torch.random")
        for name in ["manual_seed", "seed", "initial_seed", "get_rng_state", "set_rng_state"] {
            if let f = m.module.globals[name] { random.add(name, f) }
        }
        random.add("default_generator", .object(defaultGenerator))
        m.addSubmodule(random, as: "random")
        generatorClass.addMethod("seed") { this, _ in
            guard let g = this.asObject as? GeneratorObject else { throw PyException.typeError("expected a torch.Generator") }
            return .int(Int(truncatingIfNeeded: g.generator.seed()))
        }
    }
}
