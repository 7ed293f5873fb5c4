/*
 * cnnrt.h - the C API of cnnrt, a CPU runtime for convolutional networks in the ONNX format.
 *
 * Link with libCnnrtC (built by `swift build --product CnnrtC`; see scripts/capi-test). Usable from C
 * and C++. Every handle is opaque; every function that can fail returns NULL or -1 and, when `error`
 * is not NULL, sets *error to a message the caller releases with cnnrt_error_free (and to NULL on
 * success). No function aborts on bad input.
 *
 *     char *error = NULL;
 *     cnnrt_model *model = cnnrt_model_open_path("model.onnx", &error);
 *     if (!model) { fprintf(stderr, "%s\n", error); cnnrt_error_free(error); return 1; }
 *     int64_t shape[] = {1, 1, 28, 28};
 *     cnnrt_input input = {NULL, pixels, shape, 4};
 *     cnnrt_outputs *out = cnnrt_model_run(model, &input, 1, &error);
 *     const float *scores = cnnrt_outputs_data(out, 0);      // cnnrt_outputs_element_count(out, 0) floats
 *     cnnrt_outputs_free(out);
 *     cnnrt_model_free(model);
 *
 * A model may be run from several threads at once. Strings and arrays a handle returns stay valid
 * until that handle is freed.
 */
#ifndef CNNRT_H
#define CNNRT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A loaded model, optimized and compiled once, ready to run many times. */
typedef struct cnnrt_model cnnrt_model;

/* The outputs of one run. */
typedef struct cnnrt_outputs cnnrt_outputs;

/* One float32 input tensor, C order. */
typedef struct cnnrt_input {
    const char *name;      /* the model input's name, or NULL for the next input in graph order */
    const float *data;     /* the product of `shape` floats */
    const int64_t *shape;  /* `rank` dimensions, each >= 0 */
    size_t rank;
} cnnrt_input;

/* The library version, e.g. "0.1.0". */
const char *cnnrt_version(void);

/* Loads a model file (.onnx) and compiles it. Returns NULL on failure. */
cnnrt_model *cnnrt_model_open_path(const char *path, char **error);

/* Loads a model from `size` bytes of a serialized ONNX model (copied; external data is not supported). */
cnnrt_model *cnnrt_model_open_bytes(const void *bytes, size_t size, char **error);

/* Releases a model (NULL is ignored). */
void cnnrt_model_free(cnnrt_model *model);

/* The inputs the caller binds, in graph order. */
size_t cnnrt_model_input_count(const cnnrt_model *model);
const char *cnnrt_model_input_name(const cnnrt_model *model, size_t index);      /* NULL when out of range */
/* The declared rank of an input, or -1 when unknown or out of range. */
int64_t cnnrt_model_input_rank(const cnnrt_model *model, size_t index);
/* A declared dimension; -1 when symbolic (such as a batch size), unknown or out of range. */
int64_t cnnrt_model_input_dim(const cnnrt_model *model, size_t index, size_t axis);

/* The outputs a run returns, in graph order. */
size_t cnnrt_model_output_count(const cnnrt_model *model);
const char *cnnrt_model_output_name(const cnnrt_model *model, size_t index);     /* NULL when out of range */

/* Runs the model on `count` inputs. Returns NULL on failure (missing input, wrong shape, ...). */
cnnrt_outputs *cnnrt_model_run(const cnnrt_model *model, const cnnrt_input *inputs, size_t count, char **error);

/* The outputs of a run, in the model's output order; every output is converted to float32. */
size_t cnnrt_outputs_count(const cnnrt_outputs *outputs);
const char *cnnrt_outputs_name(const cnnrt_outputs *outputs, size_t index);     /* NULL when out of range */
size_t cnnrt_outputs_rank(const cnnrt_outputs *outputs, size_t index);          /* 0 when out of range */
const int64_t *cnnrt_outputs_shape(const cnnrt_outputs *outputs, size_t index); /* NULL when out of range */
size_t cnnrt_outputs_element_count(const cnnrt_outputs *outputs, size_t index); /* 0 when out of range */
const float *cnnrt_outputs_data(const cnnrt_outputs *outputs, size_t index);    /* NULL when out of range */

/* Releases the outputs of a run (NULL is ignored). */
void cnnrt_outputs_free(cnnrt_outputs *outputs);

/* Releases an error message (NULL is ignored). */
void cnnrt_error_free(char *error);

#ifdef __cplusplus
}
#endif

#endif /* CNNRT_H */
