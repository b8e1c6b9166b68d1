// Mock <zlib.h> for conc-advisor's lit tests: CPU-heavy calls rules/cpu.yaml names.
#pragma once
typedef unsigned char Bytef;
typedef unsigned long uLong;
typedef unsigned long uLongf;
#ifdef __cplusplus
extern "C" {
#endif
int compress(Bytef *dest, uLongf *destLen, const Bytef *source, uLong sourceLen);
uLong crc32(uLong crc, const Bytef *buf, unsigned len);
#ifdef __cplusplus
}
#endif
