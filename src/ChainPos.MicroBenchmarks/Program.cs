using BenchmarkDotNet.Running;
using ChainPos.MicroBenchmarks;

// `chainpos-micro --sizes` prints the stored row size of each benchmarked state; anything else goes to BenchmarkDotNet
// (e.g. `--filter '*'`, `--filter '*Pricing*'`, `--job short`).
if (args is ["--sizes"])
{
    StateRowSizes.Print(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(StateRowSizes).Assembly).Run(args);
