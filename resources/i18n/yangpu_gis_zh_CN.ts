<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BasemapController</name>
    <message>
        <source>Cannot use this basemap: {reason}</source>
        <translation>无法使用此底图：{reason}</translation>
    </message>
    <message>
        <source>&amp;Recent</source>
        <translation>最近使用(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;None</source>
        <translation>无(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;OpenStreetMap (online)</source>
        <translation>OpenStreetMap（在线）(&amp;O)</translation>
    </message>
    <message>
        <source>Open basemap &amp;file (MBTiles, PMTiles, GeoPackage)…</source>
        <translation>打开底图文件（MBTiles、PMTiles、GeoPackage）(&amp;F)…</translation>
    </message>
    <message>
        <source>Open tile &amp;folder ({z}/{x}/{y})…</source>
        <translation>打开瓦片文件夹（{z}/{x}/{y}）(&amp;D)…</translation>
    </message>
    <message>
        <source>Online &amp;tile URL (XYZ, WMTS)…</source>
        <translation>在线瓦片地址（XYZ、WMTS）(&amp;T)…</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Open basemap</source>
        <translation>打开底图</translation>
    </message>
    <message>
        <source>Tile files (*.mbtiles *.pmtiles *.gpkg);;All files (*)</source>
        <translation>瓦片文件 (*.mbtiles *.pmtiles *.gpkg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open tile folder</source>
        <translation>打开瓦片文件夹</translation>
    </message>
    <message>
        <source>&amp;Basemap</source>
        <translation>底图(&amp;B)</translation>
    </message>
    <message>
        <source>Basemap tiles are missing: {problem}</source>
        <translation>底图瓦片缺失：{problem}</translation>
    </message>
</context>
<context>
    <name>BasemapUrlDialog</name>
    <message>
        <source>Online basemap</source>
        <translation>在线底图</translation>
    </message>
    <message>
        <source>Tile URL:</source>
        <translation>瓦片地址：</translation>
    </message>
    <message>
        <source>WGS84 (OpenStreetMap, Tianditu…)</source>
        <translation>WGS84（OpenStreetMap、天地图…）</translation>
    </message>
    <message>
        <source>GCJ-02 (Amap/Gaode, Tencent)</source>
        <translation>GCJ-02（高德、腾讯）</translation>
    </message>
    <message>
        <source>Tiles drawn in:</source>
        <translation>瓦片坐标系：</translation>
    </message>
    <message>
        <source>Tiles are fetched from the internet while this basemap is on. WMTS: paste a KVP GetTile URL (with your key); the tile matrix, row and column are filled in.</source>
        <translation>开启此底图时会从互联网获取瓦片。WMTS：粘贴 KVP 形式的 GetTile 地址（含您的密钥），瓦片矩阵、行号和列号会自动填入。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Yangpu GIS</source>
        <translation>杨浦 GIS</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>要素信息</translation>
    </message>
    <message>
        <source>Yangpu District</source>
        <translation>杨浦区</translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation>属性表</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Open data…</source>
        <translation>打开数据(&amp;O)…</translation>
    </message>
    <message>
        <source>Add GeoJSON, Shapefile, GeoPackage, KML, CSV… as layers</source>
        <translation>将 GeoJSON、Shapefile、GeoPackage、KML、CSV 等文件添加为图层</translation>
    </message>
    <message>
        <source>Open &amp;project…</source>
        <translation>打开项目(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Export &amp;HTML map…</source>
        <translation>导出 HTML 地图(&amp;H)…</translation>
    </message>
    <message>
        <source>Export &amp;image (PNG/PDF)…</source>
        <translation>导出图片（PNG/PDF）(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Zoom to &amp;Yangpu</source>
        <translation>缩放至杨浦区(&amp;Y)</translation>
    </message>
    <message>
        <source>Zoom to &amp;selection</source>
        <translation>缩放至所选要素(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>上一视图(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>下一视图(&amp;F)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Browse and identify</source>
        <translation>浏览与标识要素(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Zoom to box</source>
        <translation>拉框放大(&amp;Z)</translation>
    </message>
    <message>
        <source>Measure &amp;distance</source>
        <translation>量测距离(&amp;D)</translation>
    </message>
    <message>
        <source>Measure &amp;area</source>
        <translation>量测面积(&amp;A)</translation>
    </message>
    <message>
        <source>Add review &amp;note</source>
        <translation>添加审查批注(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;About Yangpu GIS</source>
        <translation>关于杨浦 GIS(&amp;A)</translation>
    </message>
    <message>
        <source>Export review n&amp;otes…</source>
        <translation>导出审查批注(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>Search sites (English or 中文)</source>
        <translation>搜索地块（中文或英文）</translation>
    </message>
    <message>
        <source>Export review notes</source>
        <translation>导出审查批注</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson)</source>
        <translation>GeoJSON (*.geojson)</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV，可用 Excel 打开 (*.csv)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n review note(s) to {path}</source>
        <translation>
            <numerusform>已将 %n 条审查批注导出至 {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>Rendering…</source>
        <translation>正在绘制…</translation>
    </message>
    <message>
        <source>Drawn in {ms} ms</source>
        <translation>绘制用时 {ms} 毫秒</translation>
    </message>
    <message>
        <source>Open data</source>
        <translation>打开数据</translation>
    </message>
    <message>
        <source>Opened {names}</source>
        <translation>已打开 {names}</translation>
    </message>
    <message>
        <source>Opened {names}. Note: {warnings}</source>
        <translation>已打开 {names}。注意：{warnings}</translation>
    </message>
    <message>
        <source>Coordinate system needed</source>
        <translation>需要指定坐标系</translation>
    </message>
    <message>
        <source>{problem}

Which coordinate system is {file} in?</source>
        <translation>{problem}

{file} 使用的是哪个坐标系？</translation>
    </message>
    <message>
        <source>Opening {file} was cancelled</source>
        <translation>已取消打开 {file}</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Could not save {path}: {problem}</source>
        <translation>无法保存 {path}：{problem}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Export HTML map</source>
        <translation>导出 HTML 地图</translation>
    </message>
    <message>
        <source>HTML map (*.html)</source>
        <translation>HTML 地图 (*.html)</translation>
    </message>
    <message>
        <source>Could not write {path}: {problem}</source>
        <translation>无法写入 {path}：{problem}</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>Could not export {path}: {problem}</source>
        <translation>无法导出 {path}：{problem}</translation>
    </message>
    <message>
        <source>Could not remember this session: {problem}</source>
        <translation>无法记住本次会话：{problem}</translation>
    </message>
    <message>
        <source>GIS files ({patterns});;All files (*)</source>
        <translation>GIS 文件 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Yangpu GIS project ({patterns})</source>
        <translation>杨浦 GIS 项目 ({patterns})</translation>
    </message>
</context>
<context>
    <name>SaveDialog</name>
    <message>
        <source>Replace file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <source>{name} already exists in {folder}. Replace it?</source>
        <translation>{folder} 中已有 {name}。要替换它吗？</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>The last session could not be restored: {problem}</source>
        <translation>无法恢复上次的会话：{problem}</translation>
    </message>
</context>
</TS>
