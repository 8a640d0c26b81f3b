#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes a realistic dossier of about N documents, zipped, for the benchmarks:
# the complete level-2 dossier of fixtures/check/tt25-muc-do-2 (docx, xlsx,
# text PDFs and one scan, in "Tiêu chí k" folders), then copies of its files
# with distinct Vietnamese content until there are N documents:
#   - docx: a paragraph (an addendum numbered i: hamlet, activity, figures)
#     is added before the section properties of word/document.xml;
#   - xlsx: a row with an inline string and a number is added to sheet1;
#   - pdf:  a PDF comment is appended after %%EOF (the bytes, hence the
#     SHA-256, differ; the text is the template's: rewriting a LibreOffice
#     content stream needs its font subset).
# Copies go to the template's criterion folder (top-level templates to
# "Tài liệu khác"), named "<template> - bổ sung <i>.<ext>".
# Needs zip and unzip. No Python. Output is never committed (bench/out/).
# Usage: bash bench/gen.sh N [OUT.zip]   (default bench/out/dossier-N.zip)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
n=${1:?usage: gen.sh N [OUT.zip]}
out=${2:-$here/out/dossier-$n.zip}
src=$root/fixtures/check/tt25-muc-do-2
export LC_ALL=C.UTF-8

work=$(mktemp -d "${TMPDIR:-/tmp}/hoso-gen.XXXXXX")
trap 'rm -rf "$work"' EXIT
dossier=$work/dossier
mkdir -p "$dossier" "$work/x"
cp -r "$src"/. "$dossier"/

mapfile -t templates < <(cd "$src" && find . -type f \( -name '*.docx' -o -name '*.xlsx' -o -name '*.pdf' \) | sed 's|^\./||' | LC_ALL=C sort)
# Spreadsheets are rare in the fixture and common in real dossiers: weight them.
mapfile -t xlsx < <(printf '%s\n' "${templates[@]}" | grep '\.xlsx$')
templates+=("${xlsx[@]}" "${xlsx[@]}")
base=$(find "$dossier" -type f | wc -l)

xom=("Đồng Tâm" "Làng Mới" "Khuôn Ngục" "Nạ Á" "Đồng Hoàng" "Bản Lác" "Nà Mỵ" "Tân Quy" "Pác Cáp" "Khẩu Đấng" "Nà Tiếm" "Bản Chước")
act=("tổ chức lớp xóa mù chữ" "mở lớp tin học cơ bản cho người lớn tuổi" "tập huấn kỹ thuật trồng chè an toàn" "sinh hoạt câu lạc bộ đọc sách" "tuyên truyền pháp luật về an toàn giao thông" "hướng dẫn chuyển đổi số cho hộ kinh doanh" "tập huấn chăn nuôi gia cầm" "dạy nghề may công nghiệp" "nói chuyện chuyên đề về phòng chống bạo lực gia đình")
src_money=("ngân sách xã" "Hội Khuyến học" "Trung tâm học tập cộng đồng" "doanh nghiệp trên địa bàn" "nhân dân đóng góp")
note=("các học viên tham gia đầy đủ, nghiêm túc" "kết quả được ghi vào sổ theo dõi của thôn" "Ban chỉ đạo xã đã kiểm tra và đánh giá tốt" "cần tiếp tục duy trì trong năm tới" "một số hộ chưa tham gia do bận mùa vụ" "Chi hội Khuyến học thôn đã biểu dương các gia đình học tập tiêu biểu" "tài liệu được lưu tại Trung tâm học tập cộng đồng")

# Pre-read each template's XML once.
declare -A xml
for t in "${templates[@]}"; do
  [ -n "${xml[$t]:-}" ] && continue
  case $t in
    *.docx) xml[$t]=$(unzip -p "$src/$t" word/document.xml) ;;
    *.xlsx) xml[$t]=$(unzip -p "$src/$t" xl/worksheets/sheet1.xml) ;;
    *) xml[$t]=pdf ;;
  esac
done

sentence() {
  local i=$1
  local a=$(( (i * 37) % 480 + 20 )) b=$(( (i * 11) % 200 + 5 )) c=$(( (i * 7) % 90 + 3 ))
  local money=$(( (i * 173) % 9000 + 500 ))
  printf 'Bổ sung minh chứng số %d/BS-UBND ngày %d tháng %d năm 2024: tại xóm %s, %s với %d lượt người tham gia, trong đó %d phụ nữ và %d người cao tuổi; kinh phí %d.000 đồng do %s hỗ trợ; %s.' \
    "$i" $(( i % 28 + 1 )) $(( i % 12 + 1 )) "${xom[i % 12]}" "${act[i % 9]}" "$a" "$b" "$c" \
    "$money" "${src_money[i % 5]}" "${note[i % 7]}"
}

i=0
k=0
while [ $((base + i)) -lt "$n" ]; do
  i=$((i + 1))
  t=${templates[k % ${#templates[@]}]}
  k=$((k + 1))
  dir=$(dirname "$t")
  [ "$dir" = . ] && dir="Tài liệu khác"
  stem=$(basename "$t")
  ext=${stem##*.}
  stem=${stem%.*}
  dest="$dossier/$dir/$stem - bổ sung $(printf %04d "$i").$ext"
  mkdir -p "$dossier/$dir"
  cp "$src/$t" "$dest"
  case $ext in
    docx)
      s1=$(sentence "$i")
      s2=$(sentence $((i * 3 + 1)))
      para="<w:p><w:r><w:t>$s1</w:t></w:r></w:p><w:p><w:r><w:t>$s2</w:t></w:r></w:p>"
      mkdir -p "$work/x/word"
      x=${xml[$t]}
      printf '%s' "${x/<w:sectPr/$para<w:sectPr}" >"$work/x/word/document.xml"
      (cd "$work/x" && zip -q "$dest" word/document.xml)
      ;;
    xlsx)
      row="<row r=\"900\"><c r=\"A900\" t=\"inlineStr\"><is><t>$(sentence "$i")</t></is></c><c r=\"B900\"><v>$((i * 13 % 997))</v></c></row>"
      mkdir -p "$work/x/xl/worksheets"
      x=${xml[$t]}
      printf '%s' "${x/<\/sheetData>/$row</sheetData>}" >"$work/x/xl/worksheets/sheet1.xml"
      (cd "$work/x" && zip -q "$dest" xl/worksheets/sheet1.xml)
      ;;
    pdf)
      printf '%% hoso bench copy %d\n' "$i" >>"$dest"
      ;;
  esac
done

mkdir -p "$(dirname "$out")"
rm -f "$out"
# Fixed times: the same N gives the same zip.
find "$dossier" -exec touch -h -d '2025-01-10 08:00:00' {} +
(cd "$dossier" && find . -type f | sed 's|^\./||' | LC_ALL=C sort | zip -q -X "$out" -@)
echo "$out: $(unzip -Z1 "$out" | grep -vc '/$') documents, $(stat -c %s "$out") bytes"
