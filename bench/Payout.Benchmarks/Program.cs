using BenchmarkDotNet.Running;
using Payout.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(HotPathBenchmarks).Assembly).Run(args);
