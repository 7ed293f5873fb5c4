/* Runs the lenet fixture through cnnrt's C API and compares with ONNX Runtime's output_0.npy.
 * Usage: lenet_capi FIXTURE_DIR   (the folder holding model.onnx, input_0.npy and output_0.npy)
 * Exit status 0 when every check passes. */
#include "cnnrt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int checks = 0;
static int failures = 0;

#define CHECK(condition, ...)                                           \
    do {                                                                \
        checks++;                                                       \
        if (!(condition)) {                                             \
            failures++;                                                 \
            fprintf(stderr, "FAIL line %d: %s: ", __LINE__, #condition); \
            fprintf(stderr, __VA_ARGS__);                               \
            fprintf(stderr, "\n");                                      \
        }                                                               \
    } while (0)

static unsigned char *read_file(const char *path, size_t *size) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    fseek(file, 0, SEEK_END);
    long length = ftell(file);
    fseek(file, 0, SEEK_SET);
    unsigned char *bytes = malloc(length > 0 ? (size_t)length : 1);
    *size = fread(bytes, 1, (size_t)length, file);
    fclose(file);
    return bytes;
}

/* A float32 C-order .npy file: its values and shape (at most 8 dims). */
typedef struct {
    float *values;
    size_t count;
    int64_t shape[8];
    size_t rank;
} npy_array;

static int read_npy(const char *path, npy_array *out) {
    size_t size = 0;
    unsigned char *bytes = read_file(path, &size);
    if (!bytes || size < 10 || memcmp(bytes, "\x93NUMPY", 6) != 0) return -1;
    size_t header_length = bytes[6] == 1 ? (size_t)(bytes[8] | bytes[9] << 8) : (size_t)(bytes[8] | bytes[9] << 8
                           | bytes[10] << 16 | (size_t)bytes[11] << 24);
    size_t start = bytes[6] == 1 ? 10 : 12;
    char *header = strndup((const char *)bytes + start, header_length);
    if (!strstr(header, "'<f4'") || strstr(header, "'fortran_order': True")) return -1;
    char *shape = strstr(header, "'shape': (") + 10;
    out->rank = 0;
    out->count = 1;
    while (*shape != ')' && out->rank < 8) {
        char *end;
        long long dim = strtoll(shape, &end, 10);
        if (end == shape) break;
        out->shape[out->rank++] = dim;
        out->count *= (size_t)dim;
        shape = end;
        while (*shape == ',' || *shape == ' ') shape++;
    }
    out->values = malloc(out->count * sizeof(float));
    memcpy(out->values, bytes + start + header_length, out->count * sizeof(float));
    free(header);
    free(bytes);
    return 0;
}

/* Runs the model on the input and compares the output with the reference. */
static void run_and_compare(cnnrt_model *model, const char *name, const npy_array *input, const npy_array *expected) {
    char *error = NULL;
    cnnrt_input in = {name, input->values, input->shape, input->rank};
    cnnrt_outputs *outputs = cnnrt_model_run(model, &in, 1, &error);
    CHECK(outputs != NULL && error == NULL, "run failed: %s", error ? error : "?");
    if (!outputs) {
        cnnrt_error_free(error);
        return;
    }
    CHECK(cnnrt_outputs_count(outputs) == 1, "%zu outputs", cnnrt_outputs_count(outputs));
    CHECK(strcmp(cnnrt_outputs_name(outputs, 0), cnnrt_model_output_name(model, 0)) == 0, "output name");
    size_t rank = cnnrt_outputs_rank(outputs, 0);
    const int64_t *shape = cnnrt_outputs_shape(outputs, 0);
    CHECK(rank == expected->rank, "rank %zu", rank);
    for (size_t axis = 0; axis < rank && axis < expected->rank; axis++) {
        CHECK(shape[axis] == expected->shape[axis], "dim %zu is %lld", axis, (long long)shape[axis]);
    }
    size_t count = cnnrt_outputs_element_count(outputs, 0);
    CHECK(count == expected->count, "%zu elements", count);
    const float *got = cnnrt_outputs_data(outputs, 0);
    float peak = 1, worst = 0;
    for (size_t i = 0; i < expected->count; i++) peak = fmaxf(peak, fabsf(expected->values[i]));
    for (size_t i = 0; i < count && i < expected->count; i++) worst = fmaxf(worst, fabsf(got[i] - expected->values[i]));
    CHECK(worst <= 1e-4f * peak, "max abs diff %g", worst);
    printf("output %s: %zu values, max abs diff from ONNX Runtime %g\n", cnnrt_outputs_name(outputs, 0), count, worst);
    CHECK(cnnrt_outputs_data(outputs, 1) == NULL && cnnrt_outputs_name(outputs, 1) == NULL, "out of range");
    cnnrt_outputs_free(outputs);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s FIXTURE_DIR\n", argv[0]);
        return 2;
    }
    char path[4096];
    npy_array input, expected;
    snprintf(path, sizeof path, "%s/input_0.npy", argv[1]);
    if (read_npy(path, &input) != 0) { fprintf(stderr, "cannot read %s\n", path); return 2; }
    snprintf(path, sizeof path, "%s/output_0.npy", argv[1]);
    if (read_npy(path, &expected) != 0) { fprintf(stderr, "cannot read %s\n", path); return 2; }
    snprintf(path, sizeof path, "%s/model.onnx", argv[1]);

    CHECK(strlen(cnnrt_version()) > 0, "version");

    /* From a path, the input bound by position. */
    char *error = NULL;
    cnnrt_model *model = cnnrt_model_open_path(path, &error);
    CHECK(model != NULL && error == NULL, "open %s: %s", path, error ? error : "?");
    if (!model) return 1;
    CHECK(cnnrt_model_input_count(model) == 1, "%zu inputs", cnnrt_model_input_count(model));
    CHECK(cnnrt_model_input_rank(model, 0) == (int64_t)input.rank, "input rank");
    CHECK(cnnrt_model_input_dim(model, 0, 1) == input.shape[1], "input channels");
    CHECK(cnnrt_model_input_name(model, 1) == NULL && cnnrt_model_input_rank(model, 1) == -1, "out of range");
    CHECK(cnnrt_model_output_count(model) == 1, "%zu outputs", cnnrt_model_output_count(model));
    run_and_compare(model, NULL, &input, &expected);

    /* From bytes, the input bound by name. */
    size_t size = 0;
    unsigned char *bytes = read_file(path, &size);
    cnnrt_model *again = cnnrt_model_open_bytes(bytes, size, &error);
    free(bytes);
    CHECK(again != NULL, "open bytes: %s", error ? error : "?");
    if (again) {
        run_and_compare(again, cnnrt_model_input_name(again, 0), &input, &expected);
        cnnrt_model_free(again);
    }

    /* Errors come back as messages, never as a crash. */
    cnnrt_model *missing = cnnrt_model_open_path("/nonexistent/model.onnx", &error);
    CHECK(missing == NULL && error != NULL && strstr(error, "/nonexistent/model.onnx"), "missing file: %s",
          error ? error : "no message");
    printf("missing file -> %s\n", error ? error : "?");
    cnnrt_error_free(error);

    const unsigned char junk[] = "definitely not a model";
    CHECK(cnnrt_model_open_bytes(junk, sizeof junk, &error) == NULL && error != NULL, "junk bytes");
    cnnrt_error_free(error);

    int64_t wrong_shape[] = {1, 3, 28, 28};
    cnnrt_input bad = {NULL, input.values, wrong_shape, 4};
    CHECK(cnnrt_model_run(model, &bad, 1, &error) == NULL && error != NULL, "wrong shape accepted");
    printf("wrong shape -> %s\n", error ? error : "?");
    cnnrt_error_free(error);

    cnnrt_input null_data = {NULL, NULL, input.shape, input.rank};
    CHECK(cnnrt_model_run(model, &null_data, 1, &error) == NULL && error != NULL, "NULL data accepted");
    cnnrt_error_free(error);

    cnnrt_input unknown = {"no_such_input", input.values, input.shape, input.rank};
    CHECK(cnnrt_model_run(model, &unknown, 1, &error) == NULL && error != NULL, "unknown name accepted");
    cnnrt_error_free(error);

    CHECK(cnnrt_model_run(model, NULL, 0, &error) == NULL && error != NULL, "missing input accepted");
    cnnrt_error_free(error);

    CHECK(cnnrt_model_run(NULL, &null_data, 1, NULL) == NULL, "NULL model, NULL error pointer");

    cnnrt_model_free(model);
    cnnrt_model_free(NULL);
    cnnrt_outputs_free(NULL);
    free(input.values);
    free(expected.values);

    printf("capi-test: %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
