using Xunit;

// TorchSharp trainings are CPU-bound (2 cores in CI) and libtorch's CPU kernels were seen to give irreproducible
// gradients when two trainings ran concurrently in one process; run test classes one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
