/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef HOSO_VERSION_H
#define HOSO_VERSION_H
#define HOSO_VERSION "0.1.0"
#endif
