/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * banned.h: functions that are too easy to misuse. Using one is a compile
 * error (after git's banned.h). Use hs_buf, snprintf, strtok_r, gmtime_r.
 */
#ifndef HOSO_BANNED_H
#define HOSO_BANNED_H

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef gmtime
#define gmtime(t) BANNED(gmtime)
#undef localtime
#define localtime(t) BANNED(localtime)

#endif
