// SPDX-License-Identifier: MIT
/* IMF documents: safe XML, ASSETMAP/PKL/CPL parsing with defaults, the composition timeline,
 * timecode, and placing track-file edit units on the composition. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/lang.h"
#include "engine/core/timecode.h"
#include "engine/imf/composition.h"
#include "engine/imf/constraints.h"
#include "engine/imf/cpl.h"
#include "engine/imf/docs.h"
#include "engine/imf/xml.h"
#include "unit.h"

static int count_code(const QcFindingList *l, QcCode code)
{
    int n = 0;
    for (size_t i = 0; i < l->count; i++)
        n += l->items[i].code == code;
    return n;
}

static void test_xml_attacks(void)
{
    xmlDocPtr doc;
    char why[512];
    /* an external entity naming a local file: refused with the DOCTYPE, nothing is read */
    const char *xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM "
                      "\"file:///etc/passwd\">]>\n<a>&x;</a>";
    CHECK(qc_xml_parse(xxe, strlen(xxe), "xxe.xml", &doc, why, sizeof(why)) == 1);
    CHECK(strstr(why, "DOCTYPE") != NULL);
    CHECK(strstr(why, "line 2") != NULL);
    const char *laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">"
                         "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                         "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><l>&c;&c;&c;</l>";
    CHECK(qc_xml_parse(laughs, strlen(laughs), "laughs.xml", &doc, why, sizeof(why)) == 1);
    const char *net = "<!DOCTYPE a SYSTEM \"http://127.0.0.1:9/x.dtd\"><a/>";
    CHECK(qc_xml_parse(net, strlen(net), "net.xml", &doc, why, sizeof(why)) == 1);
    /* an undeclared entity without a DTD is a well-formedness error, not an expansion */
    const char *undecl = "<a>&x;</a>";
    CHECK(qc_xml_parse(undecl, strlen(undecl), "u.xml", &doc, why, sizeof(why)) == 1);
    const char *bad = "<a>\n<b></a>";
    CHECK(qc_xml_parse(bad, strlen(bad), "bad.xml", &doc, why, sizeof(why)) == 1);
    CHECK(strncmp(why, "line 2", 6) == 0);
    const char *ok = "<a xmlns=\"urn:x\"><b> t </b></a>";
    CHECK(qc_xml_parse(ok, strlen(ok), "ok.xml", &doc, why, sizeof(why)) == 0);
    char text[16];
    CHECK(qc_xml_child_text(xmlDocGetRootElement(doc), "b", text, sizeof(text)) == 0);
    CHECK(!strcmp(text, "t"));
    xmlFreeDoc(doc);
}

static void test_uuid_rational(void)
{
    uint8_t id[16];
    CHECK(qc_uuid_parse(" urn:uuid:0EB3D1B9-b77b-4d3f-bbe5-7c69b15dca85\n", id) == 0);
    CHECK(id[0] == 0x0e && id[15] == 0x85);
    CHECK(qc_uuid_parse("urn:uuid:0eb3d1b9-b77b-4d3f-bbe5-7c69b15dca8", id) < 0);
    CHECK(qc_uuid_parse("urn:uuid:0eb3d1b9-b77b-4d3f-bbe5-7c69b15dca855", id) < 0);
    CHECK(qc_uuid_parse("0eb3d1b9b77b-4d3f-bbe5-7c69b15dca85xxxx", id) < 0);
    int32_t n, d;
    CHECK(qc_xml_parse_rational("24000 1001", &n, &d) == 0 && n == 24000 && d == 1001);
    CHECK(qc_xml_parse_rational("24/1", &n, &d) < 0);
    CHECK(qc_xml_parse_rational("0 1", &n, &d) < 0);
}

static void test_timecode(void)
{
    char b[32];
    int64_t f;
    qc_timecode_format(1800, 30, 1, b, sizeof(b));
    CHECK(!strcmp(b, "00:01:00;02"));
    qc_timecode_format(107892, 30, 1, b, sizeof(b));
    CHECK(!strcmp(b, "01:00:00;00"));
    CHECK(qc_timecode_parse("00:01:00;00", 30, 1, &f) < 0); /* a number drop-frame skips */
    CHECK(qc_timecode_parse("01:00:00:00", 24, 0, &f) == 0 && f == 86400);
    qc_timecode_format(86400 + 47, 24, 0, b, sizeof(b));
    CHECK(!strcmp(b, "01:00:01:23"));
    int bad = 0;
    for (int64_t x = 0; x < 300000; x += 7) {
        qc_timecode_format(x, 60, 1, b, sizeof(b));
        bad += qc_timecode_parse(b, 60, 1, &f) < 0 || f != x;
    }
    CHECK(bad == 0);
}

#define U(n) "urn:uuid:00000000-0000-4000-8000-0000000000" n

/* Two segments: 48 frames of picture from two resources (the second repeated twice), and audio
 * at 48000/1 in samples; TrackFileIds ...a1 (picture) and ...a2 (audio). */
static char *cpl_text(const char *picture_extra, const char *audio2_duration)
{
    static char buf[8192];
    snprintf(buf, sizeof(buf),
             "<?xml version=\"1.0\"?>\n"
             "<CompositionPlaylist xmlns=\"http://www.smpte-ra.org/schemas/2067-3/2016\" "
             "xmlns:cc=\"http://www.smpte-ra.org/schemas/2067-2/2016\" "
             "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
             "<Id>" U("01") "</Id><IssueDate>2020-01-01T00:00:00Z</IssueDate>\n"
             "<ContentTitle>t</ContentTitle>\n"
             "<EssenceDescriptorList><EssenceDescriptor><Id>" U("e1") "</Id><x/></EssenceDescriptor>"
             "<EssenceDescriptor><Id>" U("e2") "</Id><y/></EssenceDescriptor></EssenceDescriptorList>\n"
             "<CompositionTimecode><TimecodeDropFrame>false</TimecodeDropFrame>"
             "<TimecodeRate>24</TimecodeRate><TimecodeStartAddress>01:00:00:00"
             "</TimecodeStartAddress></CompositionTimecode>\n"
             "<EditRate>24 1</EditRate>\n<SegmentList>\n"
             "<Segment><Id>" U("51") "</Id><SequenceList>\n"
             "<cc:MainImageSequence><Id>" U("61") "</Id><TrackId>" U("71") "</TrackId><ResourceList>\n"
             "<Resource xsi:type=\"TrackFileResourceType\"><Id>" U("81") "</Id>"
             "<IntrinsicDuration>100</IntrinsicDuration><EntryPoint>10</EntryPoint>"
             "<SourceDuration>24</SourceDuration><SourceEncoding>" U("e1") "</SourceEncoding>"
             "<TrackFileId>" U("a1") "</TrackFileId></Resource>\n"
             "<Resource xsi:type=\"TrackFileResourceType\"><Id>" U("82") "</Id>"
             "<IntrinsicDuration>100</IntrinsicDuration><EntryPoint>50</EntryPoint>"
             "<SourceDuration>12</SourceDuration><RepeatCount>2</RepeatCount>%s"
             "<SourceEncoding>" U("e1") "</SourceEncoding>"
             "<TrackFileId>" U("a1") "</TrackFileId></Resource>\n"
             "</ResourceList></cc:MainImageSequence>\n"
             "<cc:MainAudioSequence><Id>" U("62") "</Id><TrackId>" U("72") "</TrackId><ResourceList>\n"
             "<Resource xsi:type=\"TrackFileResourceType\"><Id>" U("83") "</Id><EditRate>48000 1</EditRate>"
             "<IntrinsicDuration>192000</IntrinsicDuration>"
             "<SourceDuration>96000</SourceDuration><SourceEncoding>" U("e2") "</SourceEncoding>"
             "<TrackFileId>" U("a2") "</TrackFileId></Resource>\n"
             "</ResourceList></cc:MainAudioSequence>\n"
             "</SequenceList></Segment>\n"
             "<Segment><Id>" U("52") "</Id><SequenceList>\n"
             "<cc:MainImageSequence><Id>" U("63") "</Id><TrackId>" U("71") "</TrackId><ResourceList>\n"
             "<Resource xsi:type=\"TrackFileResourceType\"><Id>" U("84") "</Id>"
             "<IntrinsicDuration>24</IntrinsicDuration><SourceEncoding>" U("e1") "</SourceEncoding>"
             "<TrackFileId>" U("a1") "</TrackFileId></Resource>\n"
             "</ResourceList></cc:MainImageSequence>\n"
             "<cc:MainAudioSequence><Id>" U("64") "</Id><TrackId>" U("72") "</TrackId><ResourceList>\n"
             "<Resource xsi:type=\"TrackFileResourceType\"><Id>" U("85") "</Id><EditRate>48000 1</EditRate>"
             "<IntrinsicDuration>192000</IntrinsicDuration><EntryPoint>96000</EntryPoint>"
             "<SourceDuration>%s</SourceDuration><SourceEncoding>" U("e2") "</SourceEncoding>"
             "<TrackFileId>" U("a2") "</TrackFileId></Resource>\n"
             "</ResourceList></cc:MainAudioSequence>\n"
             "</SequenceList></Segment>\n</SegmentList>\n</CompositionPlaylist>\n",
             picture_extra, audio2_duration);
    return buf;
}

static void test_cpl_timeline(void)
{
    QcFindingList l = {0};
    QcCpl cpl;
    CHECK(qc_cpl_load(&cpl, unit_write_text("cpl.xml", cpl_text("", "48000")), &l) == 0);
    CHECK(l.count == 0);
    CHECK(cpl.is2016 && cpl.rate_num == 24 && cpl.nb_segments == 2 && cpl.nb_sequences == 4);
    CHECK(cpl.has_timecode && cpl.tc_rate == 24 && cpl.tc_start == 86400);
    CHECK(cpl.nb_descriptors == 2 && cpl.descriptors[1].node &&
          !strcmp((const char *)cpl.descriptors[1].node->name, "y"));
    const QcCplResource *r2 = &cpl.sequences[0].resources[1];
    CHECK(r2->repeat == 2 && r2->entry == 50 && r2->rate_num == 24);
    const QcCplResource *r4 = &cpl.sequences[2].resources[0];
    CHECK(r4->entry == 0 && r4->duration == 24 && r4->repeat == 1); /* defaults */
    QcComposition c;
    CHECK(qc_composition_build(&c, &cpl, 0, &l) == 0);
    CHECK(l.count == 0);
    CHECK(c.nb_tracks == 2 && c.duration == 72);
    CHECK(c.tracks[0].duration == 72 && c.tracks[1].duration == 72);
    CHECK(c.nb_placements == 5 && c.placements[1].start == 24 && c.placements[3].start == 48);
    /* frame 55 of a1 plays in resource 2 (entry 50) at 24 + 5 and again at 36 + 5 */
    int64_t pos[4];
    uint8_t a1[16], a2[16];
    qc_uuid_parse(U("a1"), a1);
    qc_uuid_parse(U("a2"), a2);
    CHECK(qc_composition_place(&c, a1, 24, 1, 55, pos, 4) == 2 && pos[0] == 29 && pos[1] == 41);
    CHECK(qc_composition_place(&c, a1, 24, 1, 10, pos, 4) == 2 && pos[0] == 0 && pos[1] == 58);
    CHECK(qc_composition_place(&c, a1, 24, 1, 99, pos, 4) == 0);
    /* audio sample 120000 plays in segment 2 from entry 96000: 48 + 0.5 s = edit unit 60 */
    CHECK(qc_composition_place(&c, a2, 48000, 1, 120000, pos, 4) == 1 && pos[0] == 60);
    CHECK(qc_composition_place(&c, a2, 48000, 1, 100000, pos, 1) == 1 && pos[0] == 50);
    QcCpl cpl2;
    QcComposition c2;
    CHECK(qc_cpl_load(&cpl2, unit_write_text("cpl2.xml", cpl_text("", "48000")), &l) == 0);
    CHECK(qc_composition_build(&c2, &cpl2, 0, &l) == 0);
    CHECK(!strcmp(qc_composition_track_status(&c, 0, &c2), "unmodified"));
    CHECK(qc_composition_shared_tracks(&c, &c2) == 2);
    qc_composition_free(&c2);
    qc_cpl_free(&cpl2);
    qc_composition_free(&c);
    qc_cpl_free(&cpl);
    qc_finding_list_free(&l);
}

static void test_cpl_defects(void)
{
    QcFindingList l = {0};
    QcCpl cpl;
    QcComposition c;
    /* audio of segment 2 one sample short (not a whole frame), picture overrunning its file */
    CHECK(qc_cpl_load(&cpl, unit_write_text("bad.xml", cpl_text("<EditRate>25 1</EditRate>", "47999")),
                      &l) == 0);
    CHECK(qc_composition_build(&c, &cpl, 3, &l) == 0);
    CHECK(count_code(&l, QC_CODE_CPL_TIMELINE) >= 3);
    CHECK(count_code(&l, QC_CODE_CPL_CONSTRAINT) == 1); /* MainImage edit rate */
    int rate = 0, whole = 0, equal = 0;
    for (size_t i = 0; i < l.count; i++) {
        CHECK(l.items[i].composition == 3);
        rate += strstr(l.items[i].message, "EditRate 25/1") != NULL;
        whole += strstr(l.items[i].message, "whole number") != NULL;
        equal += strstr(l.items[i].message, "one duration") != NULL;
    }
    CHECK(rate >= 1 && whole == 1 && equal >= 1);
    qc_composition_free(&c);
    qc_cpl_free(&cpl);
    qc_finding_list_free(&l);
    /* a resource past its IntrinsicDuration and a SourceEncoding without descriptor */
    char *t = cpl_text("", "48000");
    char *p = strstr(t, "<SourceDuration>24</SourceDuration>");
    memcpy(p, "<SourceDuration>95</SourceDuration>", 35);
    p = strstr(t, "<SourceEncoding>" U("e2"));
    p[16 + 9 + 34] = 'f';
    CHECK(qc_cpl_load(&cpl, unit_write_text("bad2.xml", t), &l) == 0);
    CHECK(qc_composition_build(&c, &cpl, 0, &l) == 0);
    int past = 0, enc = 0;
    for (size_t i = 0; i < l.count; i++) {
        past += strstr(l.items[i].message, "runs past the end") != NULL &&
                l.items[i].severity == QC_SEV_BLOCKER && l.items[i].comp_start == 0;
        enc += strstr(l.items[i].message, "no EssenceDescriptor") != NULL;
    }
    CHECK(past == 1 && enc == 1);
    qc_composition_free(&c);
    qc_cpl_free(&cpl);
    qc_finding_list_free(&l);
    /* not a CPL, and not XML */
    CHECK(qc_cpl_load(&cpl, unit_write_text("opl.xml", "<OutputProfileList/>"), &l) == 1 && l.count == 0);
    qc_cpl_free(&cpl);
    CHECK(qc_cpl_load(&cpl, unit_write_text("junk.xml", "\x01\x02 not xml"), &l) == 2 &&
          count_code(&l, QC_CODE_CPL_INVALID) == 1);
    qc_cpl_free(&cpl);
    qc_finding_list_free(&l);
}

static void test_docs(void)
{
    QcFindingList l = {0};
    QcAssetMap am;
    const char *am_text =
        "<AssetMap xmlns=\"http://www.smpte-ra.org/schemas/429-9/2007/AM\"><Id>" U("90") "</Id>"
        "<VolumeCount>2</VolumeCount><AssetList>"
        "<Asset><Id>" U("91") "</Id><PackingList>true</PackingList><ChunkList><Chunk>"
        "<Path>PKL.xml</Path><VolumeIndex>1</VolumeIndex><Offset>0</Offset><Length>10</Length>"
        "</Chunk></ChunkList></Asset>"
        "<Asset><Id>" U("92") "</Id><ChunkList><Chunk><Path>a.mxf</Path></Chunk>"
        "<Chunk><Path>b.mxf</Path></Chunk></ChunkList></Asset>"
        "</AssetList></AssetMap>";
    CHECK(qc_assetmap_load(&am, unit_write_text("ASSETMAP.xml", am_text), &l) == 0);
    CHECK(am.nb_assets == 2 && am.assets[0].packing_list && am.assets[0].length == 10);
    CHECK(!strcmp(am.assets[1].path, "a.mxf"));
    CHECK(count_code(&l, QC_CODE_ASSETMAP_INVALID) == 2); /* VolumeCount, two chunks */
    qc_assetmap_free(&am);
    qc_finding_list_free(&l);
    QcPkl pkl;
    const char *pkl_text =
        "<PackingList xmlns=\"http://www.smpte-ra.org/schemas/2067-2/2016/PKL\"><Id>" U("91")
        "</Id><AssetList><Asset><Id>" U("92") "</Id><Hash>qZk+NkcGgWq6PiVxeFDCbJzQ2J0=</Hash>"
        "<Size>3</Size><Type>application/mxf</Type><HashAlgorithm "
        "Algorithm=\"http://www.w3.org/2000/09/xmldsig#sha1\"/></Asset>"
        "<Asset><Id>" U("93") "</Id><Hash>nope</Hash><Size>3</Size><Type>text/xml;x=y</Type>"
        "</Asset></AssetList></PackingList>";
    CHECK(qc_pkl_load(&pkl, unit_write_text("PKL.xml", pkl_text), &l) == 0);
    CHECK(pkl.nb_assets == 2 && pkl.assets[0].hash_ok && pkl.assets[0].size == 3);
    CHECK(!strcmp(pkl.assets[1].type, "text/xml") && !pkl.assets[1].hash_ok);
    CHECK(count_code(&l, QC_CODE_PKL_INVALID) == 1); /* the bad Hash */
    qc_pkl_free(&pkl);
    qc_finding_list_free(&l);
    CHECK(qc_pkl_load(&pkl, unit_write_text("PKL2.xml", "<PackingList xmlns=\"urn:other\"/>"), &l) == 1);
    CHECK(count_code(&l, QC_CODE_PKL_INVALID) == 1);
    qc_pkl_free(&pkl);
    qc_finding_list_free(&l);
}

static void set_ul(uint8_t *ul, const uint8_t *tail4, uint8_t b7)
{
    static const uint8_t head[8] = {0x06, 0x0e, 0x2b, 0x34, 0x04, 0x01, 0x01, 0};
    memcpy(ul, head, 8);
    ul[7] = b7;
    ul[8] = 0x04;
    ul[9] = 0x01;
    ul[10] = tail4[0];
    ul[11] = tail4[1];
    ul[12] = tail4[2];
    ul[13] = tail4[3];
    ul[14] = ul[15] = 0;
}

static int has_breach(const QcConstraintBreach *b, int n, const char *text, int blocker)
{
    for (int i = 0; i < n; i++)
        if (strstr(b[i].message, text) && b[i].blocker == blocker)
            return 1;
    return 0;
}

static void test_constraints(void)
{
    QcMxfPictureInfo pi;
    memset(&pi, 0, sizeof(pi));
    pi.rgba = 1;
    pi.rate_num = 24;
    pi.rate_den = 1;
    pi.stored_width = 1920;
    pi.stored_height = 1080;
    pi.frame_layout = 0;
    pi.component_depth = 10;
    pi.component_max_ref = 1023;
    pi.has_coding = pi.has_color_primaries = pi.has_transfer = pi.has_coding_equations = 1;
    static const uint8_t j2k[16] = {0x06, 0x0e, 0x2b, 0x34, 0x04, 0x01, 0x01, 0x0d,
                                    0x04, 0x01, 0x02, 0x02, 0x03, 0x01, 0x05, 0x06};
    memcpy(pi.coding, j2k, 16);
    pi.essence_container[14] = 0x06; /* P1 */
    set_ul(pi.color_primaries, (const uint8_t[]){0x01, 0x01, 0x03, 0x03}, 0x06);  /* 709 */
    set_ul(pi.transfer, (const uint8_t[]){0x01, 0x01, 0x01, 0x02}, 0x01);         /* 709 */
    set_ul(pi.coding_equations, (const uint8_t[]){0x01, 0x01, 0x02, 0x02}, 0x01); /* 709 */
    QcConstraintBreach b[QC_CONSTRAINT_MAX];
    CHECK(qc_app2e_check_picture(&pi, 0, 1, 24, 1, b) == 0); /* Color3, full range RGB */
    pi.component_min_ref = 64;
    pi.component_max_ref = 940;
    CHECK(qc_app2e_check_picture(&pi, 0, 1, 24, 1, b) == 0); /* narrow range */
    pi.component_min_ref = 4;
    int n = qc_app2e_check_picture(&pi, 0, 1, 24, 1, b);
    CHECK(n == 1 && has_breach(b, n, "neither narrow", 1));
    pi.component_min_ref = 0;
    pi.component_max_ref = 1023;
    set_ul(pi.transfer, (const uint8_t[]){0x01, 0x01, 0x01, 0x0a}, 0x0d); /* PQ with 709 */
    n = qc_app2e_check_picture(&pi, 1, 0, 25, 1, b);
    CHECK(n == 4 && has_breach(b, n, "Color1-Color8", 1) && has_breach(b, n, "StoredF2Offset", 1) &&
          has_breach(b, n, "VideoLineMap", 0) && has_breach(b, n, "SampleRate 24/1", 1));
    set_ul(pi.color_primaries, (const uint8_t[]){0x01, 0x01, 0x03, 0x06}, 0x0d); /* P3 D65 + PQ */
    CHECK(qc_app2e_check_picture(&pi, 0, 1, 24, 1, b) == 0);                  /* Color6 */
    pi.rgba = 0;
    pi.horizontal_subsampling = pi.vertical_subsampling = 2;
    n = qc_app2e_check_picture(&pi, 0, 1, 24, 1, b);
    CHECK(n == 1 && has_breach(b, n, "4:2:2 nor 4:4:4", 1));
    pi.coding[13] = 0x02; /* not the JPEG 2000 family */
    pi.horizontal_subsampling = 2;
    pi.vertical_subsampling = 1;
    n = qc_app2e_check_picture(&pi, 0, 1, 24, 1, b);
    CHECK(n == 1 && has_breach(b, n, "not JPEG 2000", 1));
    QcMxfSoundInfo si = {.rate_num = 48000, .rate_den = 1, .bits = 24};
    CHECK(qc_core_check_sound(&si, b) == 0);
    si.rate_num = 44100;
    si.bits = 16;
    n = qc_core_check_sound(&si, b);
    CHECK(n == 2 && has_breach(b, n, "44100/1", 1) && has_breach(b, n, "24-bit", 1));
}

static void test_lang_ranges(void)
{
    CHECK(qc_lang_matches("en", "en"));
    CHECK(qc_lang_matches("en", "EN-us"));
    CHECK(!qc_lang_matches("en", "eng"));
    CHECK(!qc_lang_matches("en-US", "en"));
    CHECK(qc_lang_matches("zh-Hant", "zh-Hant-TW"));
}

void test_imf(void)
{
    test_lang_ranges();
    test_constraints();
    test_xml_attacks();
    test_uuid_rational();
    test_timecode();
    test_cpl_timeline();
    test_cpl_defects();
    test_docs();
}
