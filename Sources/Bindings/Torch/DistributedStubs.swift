// `torch.distributed` and `torch.nn.parallel`, enough for nanoGPT's train.py to import
// them and find that no process group is running; the workbench trains in one process.
import Python

extension TorchBinding {
    static let distributed: NativeModule = {
        let m = NativeModule(name: "torch.distributed")
        m.addFunction("is_available") { _ in .true }
        m.addFunction("is_initialized") { _ in .false }
        let noGroup = "Default process group has not been initialized, please make sure to call init_process_group."
        for name in ["get_rank", "get_world_size", "barrier", "all_reduce", "broadcast", "destroy_process_group"] {
            m.addFunction(name, signature: "*args, **kwargs") { _ in throw PyException.valueError(noGroup) }
        }
        m.addFunction("init_process_group", signature: "*args, **kwargs") { _ in
            throw PyException.notImplemented("torch.distributed.init_process_group: the workbench trains in a single process")
        }
        return m
    }()

    static let parallel: NativeModule = {
        let m = NativeModule(name: "torch.nn.parallel")
        for name in ["DistributedDataParallel", "DataParallel"] {
            m.addFunction(name, signature: "*args, **kwargs") { _ in
                throw PyException.notImplemented("torch.nn.parallel.\(name): the workbench trains in a single process")
            }
        }
        return m
    }()

    static func registerDistributedStubs() {
        module.addSubmodule(distributed, as: "distributed")
        Interpreter.registerNativeModule("torch.distributed") { _ in distributed.module }
        Interpreter.registerNativeModule("torch.nn.parallel") { _ in parallel.module }
    }
}
