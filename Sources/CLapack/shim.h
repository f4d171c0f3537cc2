// Private C shim for Detente's LinearAlgebra target. No stable API: only LinearAlgebra
// imports it, and nothing from here appears in a public Swift signature.
#ifndef DETENTE_CLAPACK_SHIM_H
#define DETENTE_CLAPACK_SHIM_H

// OpenBLAS's CBLAS interface (Debian: libopenblas-dev). It also declares
// openblas_set_num_threads, used to pin one BLAS thread per worker.
#include <cblas.h>

// LAPACKE (Debian: liblapacke-dev). Debian's OpenBLAS is built without LAPACKE, so the
// reference LAPACKE library is linked beside it and calls into OpenBLAS's LAPACK.
#include <lapacke.h>

// `lapack_int` is a preprocessor macro, which Swift does not import as a type; this typedef
// gives Swift a name for it so the wrapper can convert sizes in one place.
typedef lapack_int detente_lapack_int;

#endif
