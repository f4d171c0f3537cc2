// Benchmarks only: OpenBLAS's CBLAS (Debian libopenblas-dev), so the LinearAlgebra benchmark
// can call cblas_dgemm directly and set the BLAS thread count. Not part of Detente's API.
#ifndef DETENTE_BENCH_CBLAS_SHIM_H
#define DETENTE_BENCH_CBLAS_SHIM_H
#include <cblas.h>
#endif
