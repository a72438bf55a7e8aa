// SPDX-License-Identifier: MIT
/**
 * @file dict.h
 * The names and types of the header-metadata properties and sets the engine knows
 * (imf-mxf-primer §3.5–3.6). A property not in the dictionary is still kept, by its UL.
 */
#ifndef QC_ENGINE_MXF_DICT_H
#define QC_ENGINE_MXF_DICT_H

#include <stdint.h>

typedef enum QcMxfType {
    QC_MXF_BYTES, ///< raw DataValue, or a property the dictionary does not know
    QC_MXF_U8,
    QC_MXF_U16,
    QC_MXF_U32,
    QC_MXF_U64,
    QC_MXF_I8,
    QC_MXF_I16,
    QC_MXF_I32,
    QC_MXF_I64,
    QC_MXF_BOOL,
    QC_MXF_RATIONAL,  ///< Int32 numerator, Int32 denominator
    QC_MXF_TIMESTAMP, ///< year, month, day, hour, minute, second, quarter-ms
    QC_MXF_VERSION,   ///< UInt16 major × 256 + minor
    QC_MXF_UUID,
    QC_MXF_UL,
    QC_MXF_UMID,
    QC_MXF_STRONGREF,
    QC_MXF_WEAKREF,
    QC_MXF_STRONGREF_ARRAY,
    QC_MXF_STRONGREF_BATCH,
    QC_MXF_UL_BATCH,
    QC_MXF_UUID_ARRAY,
    QC_MXF_I32_ARRAY,
    QC_MXF_U16_ARRAY,
    QC_MXF_UTF16,       ///< UTF-16BE, optional NUL terminator
    QC_MXF_ISO7,        ///< 7-bit ASCII, optional NUL terminator
    QC_MXF_RGBA_LAYOUT, ///< 8 × {code, depth}, code 0 ends
    QC_MXF_J2K_SIZING,  ///< array of {Ssiz, XRsiz, YRsiz}
    QC_MXF_XY,          ///< {UInt16 x, UInt16 y}
    QC_MXF_XY3,         ///< 3 × {UInt16 x, UInt16 y}
    QC_MXF_J2K_CAP,     ///< {UInt32 Pcap, UInt16Array Ccap}
} QcMxfType;

typedef struct QcMxfPropDef {
    const char *name;    ///< MXF name ("StoredWidth")
    const char *regxml;  ///< SMPTE Elements register symbol ("StoredWidth")
    uint16_t static_tag; ///< 0 when the tag is dynamic
    QcMxfType type;
    uint8_t ul[16];
} QcMxfPropDef;

typedef struct QcMxfClassDef {
    const char *name;   ///< MXF name ("CDCIEssenceDescriptor")
    const char *regxml; ///< RegXML class element ("CDCIDescriptor")
    uint8_t key[16];
    const char *parent; ///< MXF name of the parent class, NULL for InterchangeObject
} QcMxfClassDef;

/**
 * Where a property's values are names rather than numbers (imf-mxf-primer §7.3): RegXML writes
 * the name an enumeration type gives the value. Kept apart from QcMxfType so that every reader
 * that switches on the type still sees these properties as the integers or ULs they are.
 */
typedef enum QcMxfEnum {
    QC_MXF_ENUM_NONE,            ///< not an enumeration
    QC_MXF_ENUM_LAYOUT,          ///< LayoutType (FrameLayout): FullFrame, SeparateFields, …
    QC_MXF_ENUM_COLOR_SITING,    ///< ColorSitingType: CoSiting, …, UnknownSiting
    QC_MXF_ENUM_SIGNAL_STANDARD, ///< SignalStandardType: SignalStandard_None, …
    QC_MXF_ENUM_SCANNING,        ///< ScanningDirectionType
    QC_MXF_ENUM_FIELD_NUMBER,    ///< FieldNumber (FieldDominance): UnspecifiedField, FieldOne, …
    QC_MXF_ENUM_ELECTROSPATIAL,  ///< ElectroSpatialFormulation
    QC_MXF_ENUM_RGBA_COMPONENT,  ///< RGBAComponentKind: the Code of a PixelLayout/J2CLayout entry
    QC_MXF_ENUM_EXTENDIBLE,      ///< UL of an extendible enumeration (colour labels): never a UUID
} QcMxfEnum;

/** The enumeration the values of @p def come from; QC_MXF_ENUM_NONE for most properties. */
QcMxfEnum qc_mxf_prop_enum(const QcMxfPropDef *def);

/** The name of @p value in enumeration @p e (as the SMPTE types register spells it), or NULL
 *  when @p e has no such value or is not a named-value enumeration. */
const char *qc_mxf_enum_name(QcMxfEnum e, unsigned value);

/** The property with this UL (byte 7 ignored), or NULL. */
const QcMxfPropDef *qc_mxf_prop_def(const uint8_t *ul);

/** The property with this static tag, or NULL (used only when a primer lacks the tag). */
const QcMxfPropDef *qc_mxf_prop_def_by_tag(uint16_t tag);

/** The set class with this key (byte 7 ignored), or NULL. */
const QcMxfClassDef *qc_mxf_class_def(const uint8_t *key);

/** Whether class @p cls is @p name or derives from it. */
int qc_mxf_class_is(const QcMxfClassDef *cls, const char *name);

#endif
